package io.closebench.wire;

/** A file that is not a classic pcap file this package can read, with what is wrong and where. */
public final class PcapFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PcapFormatException(String message) {
        super(message);
    }
}
