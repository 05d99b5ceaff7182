package io.closebench.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A listening socket of one {@link SocketApi}; what it accepts is driven through the same API. */
public interface Listener extends AutoCloseable {

    InetSocketAddress address();

    /** Accepts the next connection, or throws {@link java.net.SocketTimeoutException} at the deadline. */
    Connection accept(long deadline) throws IOException;

    @Override
    void close();
}
