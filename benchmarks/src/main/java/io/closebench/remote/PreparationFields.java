package io.closebench.remote;

import io.closebench.fault.PeerChannel;
import io.closebench.fault.PeerData;
import io.closebench.fault.PeerPreparation;
import java.util.List;

/** A {@link PeerPreparation} as a PREPARE's fields, both ways, with the agent's bounds. */
public final class PreparationFields {

    /** The most a peer may be told to send or read, bytes. */
    public static final long MAX_BYTES = 1L << 30;

    private PreparationFields() {
    }

    public static List<Object> of(PeerPreparation p) {
        return List.of(p.readsObserverBytes(), p.data().name(), p.bytes(), p.writeSize(), p.channel().name());
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static PeerPreparation parse(List<String> f) {
        if (f.size() != 5) {
            throw new IllegalArgumentException("PREPARE takes 5 fields after its budget, got " + f.size());
        }
        long reads = Long.parseLong(f.get(0));
        long bytes = Long.parseLong(f.get(2));
        int writeSize = Integer.parseInt(f.get(3));
        if (reads < 0 || reads > MAX_BYTES || bytes < 0 || bytes > MAX_BYTES || writeSize < 1 || writeSize > 1 << 20) {
            throw new IllegalArgumentException("byte counts out of bounds (0-" + MAX_BYTES + ", writes 1 B-1 MiB)");
        }
        return new PeerPreparation(reads, PeerData.valueOf(f.get(1)), bytes, writeSize, PeerChannel.valueOf(f.get(4)));
    }
}
