package io.closebench.analysis.report;

import io.closebench.schema.Observer;

/**
 * The words of the mass-death section: what each fault does to the N peers, what each model is, and
 * a HOST mechanism's token in words. The faults and tokens are the benchmarks' {@code MassFault} and
 * cable {@code Mechanism}; one this closebench does not know is quoted as written.
 */
final class MassDeathWords {

    private MassDeathWords() {
    }

    /** @return the fault in words, for a heading */
    static String fault(String fault) {
        return switch (fault) {
            case "KILL" -> "one child process holding all N connections killed with SIGKILL (its kernel sends N FINs)";
            case "KILL_UNREAD" -> "the same, with 1 KiB unread in every connection of the child (N RSTs)";
            case "ABORT" -> "an in-process peer closes all N with SO_LINGER 0 from one thread (N RSTs)";
            case "HOST" -> "the client host reboots in network namespaces: cable pulled, client killed, its TCP state "
                    + "wiped, cable back after 1 s; the server finds out by its mechanism";
            default -> "fault " + fault;
        };
    }

    /** @return "killed at once", for "with 100 peers killed at once" */
    static String died(String fault) {
        return switch (fault) {
            case "KILL" -> "killed at once";
            case "KILL_UNREAD" -> "killed at once with data unread";
            case "ABORT" -> "reset at once by SO_LINGER 0";
            case "HOST" -> "on a host that rebooted";
            default -> "ended at once (" + fault + ")";
        };
    }

    /**
     * @param observer a model
     * @param loops the event loops or threads it used, as the trials recorded; 0 when unknown
     * @return e.g. "NIO on one selector", "a thread per connection (BLOCKING)"
     */
    static String model(Observer observer, long loops) {
        return switch (observer) {
            case BLOCKING -> "a thread per connection (BLOCKING)";
            case VIRTUAL -> "a virtual thread per connection (VIRTUAL)";
            case NIO -> "NIO on one selector";
            case NIO_PER_CORE -> "NIO with a selector per CPU (NIO_PER_CORE" + (loops < 1 ? ")"
                    : ", " + loops + " selector" + (loops == 1 ? ")" : "s)"));
            case NETTY_NIO -> "Netty's NIO transport on one event loop (NETTY_NIO)";
            case NETTY_EPOLL -> "Netty's epoll transport on one event loop (NETTY_EPOLL)";
            case NETTY_IOURING -> "Netty's io_uring transport on one event loop (NETTY_IOURING)";
            // the C observers run no mass death; named should a file ever hold them
            case NATIVE, NATIVE_EPOLL, NATIVE_NOSIGNAL -> "the C observer (" + observer + ")";
        };
    }

    /**
     * @param token as the trials CSV writes it, e.g. "KEEPALIVE:2:1:3"
     * @return "keepalive idle 2 s + 1 s x 3", "heartbeat every 100 ms, dead after 3 missed", or the token
     */
    static String mechanism(String token) {
        String[] p = token.split(":");
        if (p.length == 4 && p[0].equals("KEEPALIVE")) {
            return "keepalive idle " + p[1] + " s + " + p[2] + " s x " + p[3];
        }
        if (p.length == 3 && p[0].equals("HEARTBEAT")) {
            return "heartbeat every " + p[1] + " ms, dead after " + p[2] + " missed";
        }
        if (p.length == 2) {
            switch (p[0]) {
                case "RETRIES":
                    return "tcp_retries2=" + p[1];
                case "READ_DEADLINE":
                    return "read deadline " + p[1] + " ms";
                case "USER_TIMEOUT":
                    return "TCP_USER_TIMEOUT " + p[1] + " ms";
                default:
                    break;
            }
        }
        return token.equals("DEFAULTS") ? "kernel defaults (nothing set)" : token;
    }
}
