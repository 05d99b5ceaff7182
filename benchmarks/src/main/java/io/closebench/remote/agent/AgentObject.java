package io.closebench.remote.agent;

import io.closebench.fault.ChildMessage;
import java.util.List;

/**
 * One thing a session made on the harness's orders (a repetition's peer, a mass death's clients, a
 * pulled cable's client): it answers the requests addressed to it, one at a time, each bounded by
 * its deadline on the agent's clock, and is closed whatever state it is in when the session ends.
 */
public interface AgentObject extends AutoCloseable {

    /**
     * Does what {@code request} asks, by {@code deadline}; returns the DONE's fields.
     *
     * @param fields the request's fields after its id, object and budget
     * @throws Exception whatever stops it: the session answers ERROR with its message, nothing more is done
     */
    List<Object> handle(ChildMessage.Word word, List<String> fields, long deadline) throws Exception;

    /** Closes sockets, kills children, removes rules; bounded, never throws. */
    @Override
    void close();
}
