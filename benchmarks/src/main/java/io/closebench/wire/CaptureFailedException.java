package io.closebench.wire;

/**
 * A capture could not be started, with the reason in the words of the tool that failed (tcpdump
 * missing, no permission, no such device, a filter it rejected, a tc action the kernel lacks), for
 * the run to print and record.
 */
public final class CaptureFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CaptureFailedException(String reason) {
        super(reason);
    }
}
