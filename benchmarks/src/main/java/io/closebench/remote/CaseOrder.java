package io.closebench.remote;

import io.closebench.fault.ChildMode;
import io.closebench.fault.ChildScript;
import io.closebench.fault.Fault;
import io.closebench.fault.PeerRuntime;
import io.closebench.scenario.Side;
import java.util.List;

/**
 * What the harness orders a peer agent to make for one repetition of a case ({@code OPEN ... CASE}):
 * where the peer runs on its host (a socket of the agent's JVM, or a JVM or bash child), which side
 * of the connection it is, its fault, the observer's port it connects to (a server-side case), and
 * a child's script. Encoded as the OPEN's fields, decoded by the agent; both ends use this class,
 * so that the fields cannot drift apart.
 *
 * @param runtime        where the peer runs
 * @param side           SERVER: the peer connects to the observer; CLIENT: the observer connects to it
 * @param fault          its call at t0
 * @param observerPort   the observer's listening port (SERVER); 0 otherwise
 * @param script         a child's script; ignored for an in-process peer
 * @param killAfterBytes a streaming child is killed once it has sent this much
 */
public record CaseOrder(PeerRuntime runtime, Side side, Fault fault, int observerPort, ChildScript script,
                        long killAfterBytes) {

    /** The longest a child may live, seconds: a bound the agent holds every child to. */
    public static final int MAX_CHILD_SECONDS = 600;
    /** The most a child may send, bytes. */
    public static final long MAX_CHILD_BYTES = 1L << 30;

    public static final String KIND = "CASE";

    /** The script of a peer that is no child: unused, sent as it is. */
    public static final ChildScript NO_SCRIPT = new ChildScript(0, 0, 1, ChildMode.CLOSE_THEN_EXIT, 1);

    public CaseOrder {
        if (script.capSeconds() < 1 || script.capSeconds() > MAX_CHILD_SECONDS) {
            throw new IllegalArgumentException("a child's time cap must be 1-" + MAX_CHILD_SECONDS + " s, got "
                    + script.capSeconds());
        }
        if (script.sendBytes() < 0 || script.sendBytes() > MAX_CHILD_BYTES || killAfterBytes < 0
                || killAfterBytes > MAX_CHILD_BYTES || script.readBytes() < 0 || script.readBytes() > MAX_CHILD_BYTES) {
            throw new IllegalArgumentException("a child's byte counts must be 0-" + MAX_CHILD_BYTES);
        }
        if (script.chunk() < 1 || script.chunk() > 1 << 20) {
            throw new IllegalArgumentException("a child's writes must be 1 B to 1 MiB, got " + script.chunk());
        }
        if (side == Side.SERVER && (observerPort < 1 || observerPort > 65535)) {
            throw new IllegalArgumentException("not a port: " + observerPort);
        }
        if (runtime != PeerRuntime.IN_PROCESS && side != Side.SERVER) {
            throw new IllegalArgumentException("a child peer is a client: it connects to the observer");
        }
    }

    /** The OPEN's fields after the kind. */
    public List<Object> fields() {
        return List.of(runtime.name(), side.name(), fault.name(), observerPort, script.readBytes(), script.sendBytes(),
                script.chunk(), script.mode().name(), script.capSeconds(), killAfterBytes);
    }

    /**
     * Reads {@link #fields()} back.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static CaseOrder parse(List<String> f) {
        if (f.size() != 10) {
            throw new IllegalArgumentException("OPEN CASE takes 10 fields, got " + f.size());
        }
        return new CaseOrder(PeerRuntime.valueOf(f.get(0)), Side.valueOf(f.get(1)), Fault.valueOf(f.get(2)),
                Integer.parseInt(f.get(3)), new ChildScript(Long.parseLong(f.get(4)), Long.parseLong(f.get(5)),
                Integer.parseInt(f.get(6)), ChildMode.valueOf(f.get(7)), Integer.parseInt(f.get(8))),
                Long.parseLong(f.get(9)));
    }
}
