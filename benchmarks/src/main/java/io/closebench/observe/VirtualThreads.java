package io.closebench.observe;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Virtual threads from code compiled for Java 17: the project's baseline stays 17 (the default JDK
 * of every machine it runs on), and the VIRTUAL observer runs where the JVM is 21 or newer, found
 * through {@code Thread.ofVirtual()} at run time. On an older JVM it is a skip with the reason.
 */
public final class VirtualThreads {

    /** The first JDK with virtual threads (JEP 444). */
    public static final int MINIMUM_JDK = 21;

    private static final Method OF_VIRTUAL;
    private static final Method NAME;
    private static final Method UNSTARTED;
    private static final Method IS_VIRTUAL;
    private static final String UNAVAILABLE;

    static {
        Method ofVirtual = null;
        Method name = null;
        Method unstarted = null;
        Method isVirtual = null;
        String why = null;
        if (Runtime.version().feature() < MINIMUM_JDK) {
            why = "virtual threads need JDK " + MINIMUM_JDK + " or later; this JVM is " + Runtime.version();
        } else {
            try {
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                ofVirtual = Thread.class.getMethod("ofVirtual");
                name = builder.getMethod("name", String.class);
                unstarted = builder.getMethod("unstarted", Runnable.class);
                isVirtual = Thread.class.getMethod("isVirtual");
            } catch (ReflectiveOperationException | RuntimeException e) {
                why = "this JVM (" + Runtime.version() + ") offers no Thread.ofVirtual(): " + e;
            }
        }
        OF_VIRTUAL = ofVirtual;
        NAME = name;
        UNSTARTED = unstarted;
        IS_VIRTUAL = isVirtual;
        UNAVAILABLE = why;
    }

    private VirtualThreads() {
    }

    /** Why virtual threads cannot run here, or empty when they can. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /** A new, unstarted virtual thread named {@code name} running {@code task}. */
    public static Thread unstarted(String name, Runnable task) {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException(UNAVAILABLE);
        }
        try {
            Object builder = NAME.invoke(OF_VIRTUAL.invoke(null), name);
            return (Thread) UNSTARTED.invoke(builder, task);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot create a virtual thread", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot create a virtual thread", e);
        }
    }

    /** Whether {@code t} is a virtual thread (false on a JVM without them). */
    public static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invoke(t);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
