package io.closebench.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Keeps one TCP connection open across a pulled cable, run inside the client namespace and
 * driven line by line over stdin by the test.
 *
 * <p>Arguments: host, port, lifetime in seconds. Prints {@code CONNECTED}, then for each command:
 * <ul>
 *   <li>{@code send <word> <millis>}: writes the word, waits up to millis for one echoed line;
 *       prints {@code SENT}, then {@code ECHO <line>}, {@code TIMEOUT} or {@code ERROR <e>}.</li>
 *   <li>{@code await <millis>}: waits up to millis for one echoed line; same replies.</li>
 * </ul>
 * A read timeout leaves the connection intact, so a later {@code await} can still collect an
 * echo that was delayed by the outage.
 */
public final class HeldConnectionClientMain {

    private HeldConnectionClientMain() {
    }

    public static void main(String[] args) throws IOException {
        ProgramLifetime.exitAfterSeconds(Long.parseLong(args[2]));
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in,
                StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 2000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            say("CONNECTED");
            String command;
            while ((command = commands.readLine()) != null) {
                String[] words = command.split(" ");
                if (words[0].equals("send")) {
                    try {
                        out.write((words[1] + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        say("SENT");
                    } catch (IOException e) {
                        say("ERROR " + e);
                        continue;
                    }
                }
                awaitEcho(socket, in, Integer.parseInt(words[words.length - 1]));
            }
        }
    }

    private static void awaitEcho(Socket socket, BufferedReader in, int millis) {
        try {
            socket.setSoTimeout(millis);
            String line = in.readLine();
            say(line == null ? "ERROR end of stream" : "ECHO " + line);
        } catch (SocketTimeoutException e) {
            say("TIMEOUT");
        } catch (IOException e) {
            say("ERROR " + e);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
