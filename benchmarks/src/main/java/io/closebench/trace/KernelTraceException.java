package io.closebench.trace;

/**
 * A kernel trace could not be started or read, with the reason in the kernel's words (tracefs not
 * mounted, no permission, an event this kernel lacks, a filter it refused), for the run to print
 * and record.
 */
public final class KernelTraceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KernelTraceException(String reason) {
        super(reason);
    }

    public KernelTraceException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
