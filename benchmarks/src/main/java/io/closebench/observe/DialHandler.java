package io.closebench.observe;

import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;

/**
 * What one {@link ObserverSide#dial} tells, from the model's own thread (the connecting thread of a
 * blocking model, the event loop of the others): {@link #started} right before the connect call,
 * then exactly one of {@link #connected} and {@link #failed}.
 */
public interface DialHandler {

    /** The clock right before the connect call. */
    void started(long at);

    /** The peer answered: the connection is the caller's, to use or close. */
    void connected(Connection connection, long at);

    /**
     * The connect failed ({@code result}'s outcome and exception as the model reported them, the
     * one classifier's), or the program's own timer ran out ({@link io.closebench.schema.Outcome#TIMEOUT},
     * with the timer's exception verbatim); {@code result.returnedAt()} is when it was told.
     */
    void failed(IoResult result);
}
