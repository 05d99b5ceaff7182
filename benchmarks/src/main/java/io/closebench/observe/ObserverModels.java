package io.closebench.observe;

import io.closebench.schema.Observer;
import io.closebench.transport.NettyTransport;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every I/O model closebench compares, by name. {@link Observer#NIO_PER_CORE} is the NIO model
 * opened once per CPU by the many-connection harness (mass death); a single connection has one
 * observer, so the single-connection cases list it not.
 */
public final class ObserverModels {

    private static final Map<Observer, ObserverModel> MODELS = new EnumMap<>(Observer.class);

    static {
        register(new ThreadPerConnectionModel(Observer.BLOCKING, false));
        register(new ThreadPerConnectionModel(Observer.VIRTUAL, true));
        register(new NioModel(Observer.NIO));
        register(new NioModel(Observer.NIO_PER_CORE));
        register(new NettyModel(Observer.NETTY_NIO, NettyTransport.NIO));
        register(new NettyModel(Observer.NETTY_EPOLL, NettyTransport.EPOLL));
        register(new NettyModel(Observer.NETTY_IOURING, NettyTransport.IO_URING));
    }

    private ObserverModels() {
    }

    private static void register(ObserverModel model) {
        MODELS.put(model.id(), model);
    }

    public static ObserverModel of(Observer observer) {
        return MODELS.get(observer);
    }

    /** The models a single connection can be observed with, in table order. */
    public static List<Observer> singleConnection() {
        return Arrays.stream(Observer.values()).filter(o -> o != Observer.NIO_PER_CORE).toList();
    }

    /** Why {@code observer} cannot run here, or empty. */
    public static Optional<String> unavailableReason(Observer observer) {
        return of(observer).unavailableReason();
    }
}
