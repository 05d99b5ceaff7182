package io.closebench.transport;

import java.io.IOException;

/**
 * Where an observer's sockets are made. A socket belongs to the network namespace of the thread
 * that created it, whichever thread uses it afterwards (and a socket an accept returns, to its
 * listener's), so every socket an observer side makes, a listener or an outgoing connection, is
 * created through its home: {@link #HERE} on the calling thread, in this process's own namespace; a
 * network namespace's home on a thread that lives there ({@code netns.NamespaceThread}). The
 * observer's calls on the socket then run on the observer's own thread as everywhere else.
 */
@FunctionalInterface
public interface SocketHome {

    /** This process's own network namespace: the socket is made on the calling thread. */
    SocketHome HERE = new SocketHome() {
        @Override
        public <T> T make(Creation<T> creation) throws IOException {
            return creation.create();
        }

        @Override
        public String toString() {
            return "this process's network namespace";
        }
    };

    /** What makes the socket (and binds it, where it is bound), returning it. */
    @FunctionalInterface
    interface Creation<T> {
        T create() throws IOException;
    }

    /** Runs {@code creation} where this home's sockets belong and returns what it made. */
    <T> T make(Creation<T> creation) throws IOException;
}
