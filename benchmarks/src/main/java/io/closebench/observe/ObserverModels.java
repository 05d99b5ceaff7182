package io.closebench.observe;

import io.closebench.schema.Observer;
import io.closebench.transport.NativeObserverProcess;
import io.closebench.transport.NettyTransport;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every I/O model closebench compares, by name. {@link Observer#NIO_PER_CORE} is the NIO model
 * opened once per CPU by the many-connection harness (mass death); a single connection has one
 * observer, so the single-connection cases list it not. The C observers ({@link #natives()}) run
 * the conformance matrix's loopback cases beside the Java models ({@link #inTheMatrix()}): the floor
 * under them, in the note's own terms (errno, SIGPIPE).
 */
public final class ObserverModels {

    private static final Map<Observer, ObserverModel> MODELS = new EnumMap<>(Observer.class);
    private static final List<Observer> NATIVES = Arrays.stream(Observer.values()).filter(Observer::isC).toList();

    static {
        register(new ThreadPerConnectionModel(Observer.BLOCKING, false));
        register(new ThreadPerConnectionModel(Observer.VIRTUAL, true));
        register(new NioModel(Observer.NIO));
        register(new NioModel(Observer.NIO_PER_CORE));
        register(new NettyModel(Observer.NETTY_NIO, NettyTransport.NIO));
        register(new NettyModel(Observer.NETTY_EPOLL, NettyTransport.EPOLL));
        register(new NettyModel(Observer.NETTY_IOURING, NettyTransport.IO_URING));
        register(new NativeModel(Observer.NATIVE, NativeObserverProcess.Api.BLOCKING, NativeObserverProcess.Signals.SIGNAL));
        register(new NativeModel(Observer.NATIVE_EPOLL, NativeObserverProcess.Api.EPOLL, NativeObserverProcess.Signals.SIGNAL));
        register(new NativeModel(Observer.NATIVE_NOSIGNAL, NativeObserverProcess.Api.BLOCKING,
                NativeObserverProcess.Signals.NOSIGNAL));
    }


    private ObserverModels() {
    }

    private static void register(ObserverModel model) {
        MODELS.put(model.id(), model);
    }

    public static ObserverModel of(Observer observer) {
        return MODELS.get(observer);
    }

    /**
     * The Java models a single connection can be observed with, in table order: what the benchmarks,
     * the pulled cable, the soak and mass death run (mass death adds {@link Observer#NIO_PER_CORE}).
     */
    public static List<Observer> singleConnection() {
        return Arrays.stream(Observer.values()).filter(o -> o != Observer.NIO_PER_CORE && !isNative(o)).toList();
    }

    /** The C observers, which run the conformance matrix's loopback cases only. */
    public static List<Observer> natives() {
        return NATIVES;
    }

    /** Whether {@code observer} is one of the C observers. */
    public static boolean isNative(Observer observer) {
        return observer.isC();
    }

    /** What the conformance matrix runs by default: every Java model of a single connection, then the C observers. */
    public static List<Observer> inTheMatrix() {
        List<Observer> all = new java.util.ArrayList<>(singleConnection());
        all.addAll(NATIVES);
        return List.copyOf(all);
    }

    /**
     * Why {@code observer} cannot run in a harness other than the conformance matrix and the soak
     * (benchmarks, mass death, the pulled cable), or empty where it can.
     */
    public static Optional<String> onlyInTheMatrix(Observer observer) {
        return isNative(observer) ? Optional.of(observer + " is the C observer: it runs the conformance matrix's "
                + "loopback cases (and the soak), not this harness") : Optional.empty();
    }

    /** Why {@code observer} cannot run here, or empty. */
    public static Optional<String> unavailableReason(Observer observer) {
        return of(observer).unavailableReason();
    }
}
