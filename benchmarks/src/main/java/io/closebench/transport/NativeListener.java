package io.closebench.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/** A listening socket of the C observer ({@link NativeObserverProcess}); what it accepts is a {@link NativeConnection}. */
public final class NativeListener implements Listener {

    private final NativeObserverProcess process;
    private final NativeObserverProcess.Listening listening;
    private final LongSupplier clock;

    public NativeListener(NativeObserverProcess process, InetSocketAddress bindTo, LongSupplier clock) throws IOException {
        this.process = process;
        this.listening = process.listen(bindTo);
        this.clock = clock;
    }

    @Override
    public InetSocketAddress address() {
        return listening.address();
    }

    @Override
    public Connection accept(long deadline) throws IOException {
        return new NativeConnection(process, process.accept(listening.handle(), deadline), clock);
    }

    @Override
    public void close() {
        try {
            process.close(listening.handle());
        } catch (IOException ignored) {
            // teardown
        }
    }
}
