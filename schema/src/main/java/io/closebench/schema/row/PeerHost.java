package io.closebench.schema.row;

import io.closebench.schema.Column;
import io.closebench.schema.CsvLog;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;

/**
 * Where the misbehaving peer ran and how a t0 read on its clock relates to this host's: the columns
 * {@code peer_host}, {@code peer_os}, {@code peer_jdk}, a round trip and a t0 bound, added last to the
 * observations, the matrix, the mass-death trials, the cable and the percentile CSVs (each file names
 * them with its own enum). A row of one repetition or trial holds its own round trip and bound
 * ({@code rtt_ns}, {@code t0_bound_ns}); a row over many, the median round trip and the largest bound
 * ({@code median_rtt_ns}, {@code max_t0_bound_ns}). A file written before the columns reads as
 * {@link #UNKNOWN}.
 *
 * @param host the peer's host, as it names itself; empty when unknown
 * @param os its OS and version, "Linux 6.18.0"; empty when unknown
 * @param jdk the JDK of the program that played the peer; empty when unknown
 * @param rttNanos the round trip to the peer's host; -1 on this host, or unknown
 * @param t0BoundNanos how far the true t0 can be from the one the times count from: 0 on this host's
 *     clock, the offset estimate's bound where t0 was read on the peer's host and converted; -1 without
 *     a t0 or in a file written before the column
 */
public record PeerHost(String host, String os, String jdk, long rttNanos, long t0BoundNanos) {

    /** Nothing known: a file written before the columns. */
    public static final PeerHost UNKNOWN = new PeerHost("", "", "", -1, -1);

    /** @return whether t0 was read on another host's clock and converted, with a bound above 0 */
    public boolean converted() {
        return t0BoundNanos > 0;
    }

    /** Sets the five columns of {@code r}, named by its file's enum, in the order given. */
    <C extends Enum<C> & Column> void fill(CsvLog<C>.Row r, C hostColumn, C osColumn, C jdkColumn, C rttColumn,
            C boundColumn) {
        r.set(hostColumn, host).set(osColumn, os).set(jdkColumn, jdk).set(rttColumn, rttNanos)
                .set(boundColumn, t0BoundNanos);
    }

    /** Reads the five columns where {@code r}'s file has them; each absent one as {@link #UNKNOWN}'s. */
    static PeerHost read(CsvRow r, Column hostColumn, Column osColumn, Column jdkColumn, Column rttColumn,
            Column boundColumn) throws ResultsFileException {
        return new PeerHost(r.textOr(hostColumn, ""), r.textOr(osColumn, ""), r.textOr(jdkColumn, ""),
                r.wholeOr(rttColumn, -1), r.wholeOr(boundColumn, -1));
    }
}
