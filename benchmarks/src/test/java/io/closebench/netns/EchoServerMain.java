package io.closebench.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Line echo server, run inside the server namespace by the tests via {@code ip netns exec}.
 *
 * <p>Arguments: bind address, port, lifetime in seconds. Prints {@code LISTENING} once the socket
 * is bound, so the test knows when to connect, then echoes every line on every connection.
 * Exits on its own after the lifetime, so a test that forgets it cannot leave it running.
 */
public final class EchoServerMain {

    private EchoServerMain() {
    }

    public static void main(String[] args) throws IOException {
        InetAddress bind = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        ProgramLifetime.exitAfterSeconds(Long.parseLong(args[2]));
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(bind, port));
            System.out.println("LISTENING");
            System.out.flush();
            while (true) {
                Socket connection = server.accept();
                Thread echo = new Thread(() -> echo(connection), "echo");
                echo.setDaemon(true);
                echo.start();
            }
        }
    }

    private static void echo(Socket connection) {
        try (connection;
             BufferedReader in = new BufferedReader(new InputStreamReader(
                     connection.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = connection.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            System.out.println("CONNECTION-ENDED " + e);
        }
    }
}
