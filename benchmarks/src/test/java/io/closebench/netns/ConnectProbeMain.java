package io.closebench.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One fresh TCP round trip, run inside the client namespace by the tests: connect (bounded by a
 * connect timeout), send {@code ping}, read the echo (bounded by SO_TIMEOUT).
 *
 * <p>Arguments: host, port, timeout in milliseconds for connect and for the read. Prints exactly
 * one line, {@code OK <echo>} or {@code FAILED <exception>}, and exits 0 either way: the outcome
 * is data, not an error of the program.
 */
public final class ConnectProbeMain {

    private ConnectProbeMain() {
    }

    public static void main(String[] args) {
        int timeoutMillis = Integer.parseInt(args[2]);
        ProgramLifetime.exitAfterSeconds(10L + 2L * timeoutMillis / 1000);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])),
                    timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            System.out.println("OK " + in.readLine());
        } catch (IOException e) {
            System.out.println("FAILED " + e);
        }
        System.out.flush();
        System.exit(0);
    }
}
