package io.closebench.remote.agent;

import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.MassFault;
import io.closebench.fault.MassPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The N clients of a mass death on the agent's host ({@link MassPeer}, as on loopback): one child
 * process holding them all (KILL, KILL_UNREAD: killed with SIGKILL, or TerminateProcess on Windows),
 * or the agent's own sockets closed with SO_LINGER 0 (ABORT). They connect to the observer that
 * authenticated, nowhere else.
 */
final class MassObject implements AgentObject {

    /** The most connections one mass death may hold on the agent's host. */
    static final int MAX_CONNECTIONS = 20_000;

    private final MassPeer peer;

    private MassObject(MassPeer peer) {
        this.peer = peer;
    }

    /** Fields: {@code fault observerPort connections}. */
    static MassObject open(List<String> fields, InetAddress observer, long deadline) throws Exception {
        if (fields.size() != 3) {
            throw new IllegalArgumentException("OPEN MASS takes 3 fields, got " + fields.size());
        }
        MassFault fault = MassFault.valueOf(fields.get(0));
        if (!fault.onLoopback()) {
            throw new IllegalArgumentException(fault + " is a pulled cable's trial (OPEN CABLE), not a mass peer");
        }
        int port = Integer.parseInt(fields.get(1));
        int n = Integer.parseInt(fields.get(2));
        if (n < 1 || n > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("a mass death holds 1-" + MAX_CONNECTIONS + " connections here, asked " + n);
        }
        MassPeer peer = MassPeer.of(fault);
        try {
            peer.connect(new InetSocketAddress(observer, port), n, deadline);
            return new MassObject(peer);
        } catch (Exception | Error e) {
            peer.close();
            throw e;
        }
    }

    @Override
    public List<Object> handle(Word word, List<String> fields, long deadline) throws Exception {
        if (word == Word.INJECT) {
            return List.of(peer.injectFault(deadline));
        }
        throw new IllegalArgumentException(word + " is not a request a mass death's clients answer");
    }

    @Override
    public void close() {
        peer.close();
    }
}
