package io.closebench.netns;

/**
 * A stand-in for a benchmark JVM that gets interrupted: creates one {@link HostPair}, prints
 * {@code READY <server-ns> <client-ns>}, and then just waits without ever closing it, until it
 * is signalled or its lifetime (first argument, seconds) runs out.
 */
public final class PairHolderMain {

    private PairHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        HostPair pair = HostPair.create();
        System.out.println("READY " + pair.serverNamespace() + " " + pair.clientNamespace());
        System.out.flush();
        Thread.sleep(Long.parseLong(args[0]) * 1000);
    }
}
