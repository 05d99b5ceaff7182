package io.closebench.results;

import io.closebench.fault.PeerPlace;
import io.closebench.schema.row.PeerHost;

/**
 * Where the peer ran, as the results rows say it ({@link PeerHost}): kept apart from {@link PeerPlace},
 * which the peer agent carries and which must reach nothing but the JDK's portable classes (the
 * schema writes through commons-csv).
 */
public final class PeerColumns {

    private PeerColumns() {
    }

    /**
     * @param place        where the peer ran
     * @param rttNanos     the round trip to its host (-1 on this host)
     * @param t0BoundNanos the bound of a t0 read on its clock (0 on this host's clock, -1 without a t0)
     * @return the results columns that say so
     */
    public static PeerHost of(PeerPlace place, long rttNanos, long t0BoundNanos) {
        return new PeerHost(place.host(), place.osAndVersion(), place.jdk(), rttNanos, t0BoundNanos);
    }
}
