package io.closebench.remote;

import io.closebench.fault.ChildMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The control connection's framing, on both ends: one {@link ChildMessage} per line, UTF-8, ended by
 * a line feed, at most {@value #MAX_LINE} bytes. A longer line, or one that is not a message, is
 * refused before anything is done with it: an agent never buffers what an unauthenticated client
 * sends without bound.
 */
public final class ControlLines {

    /** The longest line either end accepts, in bytes. */
    public static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    /** Reads through a buffer of its own: a line is read byte by byte, which must not be a system call each. */
    public ControlLines(InputStream in, OutputStream out) {
        this.in = new java.io.BufferedInputStream(in, 8192);
        this.out = out;
    }

    /**
     * The next message; null at the end of the stream.
     *
     * @throws MalformedMessage for a line that is too long or not a message of the protocol
     */
    public ChildMessage read() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new MalformedMessage("the stream ended inside a line");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new MalformedMessage("a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            return ChildMessage.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("not a message of the protocol: " + abbreviate(text));
        }
    }

    /** Writes one message and flushes; callers serialise their writes. */
    public void write(ChildMessage m) throws IOException {
        byte[] bytes = (m.format() + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_LINE) {
            throw new IOException("message too long for the control connection (" + bytes.length + " B): "
                    + abbreviate(m.format()));
        }
        out.write(bytes);
        out.flush();
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Input that is not a message of the protocol: the connection is closed after saying so. */
    public static final class MalformedMessage extends IOException {
        public MalformedMessage(String why) {
            super(why);
        }
    }
}
