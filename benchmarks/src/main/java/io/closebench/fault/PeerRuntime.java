package io.closebench.fault;

/**
 * Where the misbehaving peer runs. For the exit and kill cases the runtime matters: a JVM takes
 * tens of milliseconds to exit and closes nothing itself on {@code halt}, while bash is gone almost
 * at once; what the observer sees can depend on it, so every observation records it.
 */
public enum PeerRuntime {
    /** A socket in the harness's own JVM. */
    IN_PROCESS("in-process"),
    /** A child JVM running {@link ChildPeerMain}: what Java users run. */
    JVM_CHILD("jvm"),
    /** A child bash using {@code /dev/tcp}: needs no toolchain, exits fast. */
    BASH_CHILD("bash");

    private final String label;

    PeerRuntime(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
