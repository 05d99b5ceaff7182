package io.closebench.cable;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A child's stdout, one whole line per event and never interleaved: the harness reads it line by
 * line. Written straight to the file descriptor, unbuffered, so a line is out the moment it is
 * written and survives a {@code halt}.
 */
final class ChildReporter {

    private final OutputStream out = new FileOutputStream(FileDescriptor.out);

    synchronized void line(ChildMessage message) {
        try {
            out.write((message.format() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the parent is gone: nothing left to report to
            Runtime.getRuntime().halt(5);
        }
    }
}
