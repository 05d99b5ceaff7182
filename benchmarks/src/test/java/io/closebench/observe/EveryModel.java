package io.closebench.observe;

import io.closebench.schema.Observer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * One test body on every I/O model, as Netty's testsuite runs one body on every transport: the
 * models for {@code @MethodSource}, and the skip, with the model's own reason, where one cannot run
 * on this JDK or kernel (VIRTUAL on JDK 17, NETTY_IOURING where the kernel refuses io_uring).
 */
public final class EveryModel {

    private EveryModel() {
    }

    /** Every Java model a single connection can be observed with. */
    public static Stream<Observer> models() {
        return ObserverModels.singleConnection().stream();
    }

    /** Every model the conformance matrix runs: the Java ones, then the C observers. */
    public static Stream<Observer> inTheMatrix() {
        return ObserverModels.inTheMatrix().stream();
    }

    /** The C observers. */
    public static Stream<Observer> natives() {
        return ObserverModels.natives().stream();
    }

    /** Skips the calling test, saying why, when {@code observer} cannot run here. */
    public static void assumeRunsHere(Observer observer) {
        ObserverModels.unavailableReason(observer).ifPresent(why -> Assumptions.abort(observer + " skipped: " + why));
    }
}
