package io.closebench.schema.row;

import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.schema.ResultFile;
import java.util.Comparator;

/**
 * What one mass-death series of trials shares: the fault (and for HOST the mechanism the server finds
 * out by), the observer, the placement, the background load and N. Its {@code .hlog} is named from
 * it: {@code massdeath-latency-<FAULT>-<OBSERVER>-<PLACEMENT>-n<N>-load<L>[-<mechanism>].hlog}, the
 * mechanism's ':' written as '_'.
 *
 * @param fault KILL, KILL_UNREAD, ABORT, HOST
 * @param mechanism for HOST, e.g. "KEEPALIVE:2:1:3"; empty otherwise
 * @param observer the server's I/O model
 * @param placement where the threads ran
 * @param loadConnections background connections
 * @param connections N
 */
public record MassDeathCombination(String fault, String mechanism, Observer observer, Placement placement,
        int loadConnections, int connections) implements Comparable<MassDeathCombination> {

    private static final Comparator<MassDeathCombination> ORDER = Comparator.comparing(MassDeathCombination::fault)
            .thenComparing(MassDeathCombination::mechanism).thenComparing(MassDeathCombination::placement)
            .thenComparingInt(MassDeathCombination::loadConnections).thenComparing(MassDeathCombination::observer)
            .thenComparingInt(MassDeathCombination::connections);

    /** @return the name of its HdrHistogram log */
    public String latencyFileName() {
        return ResultFile.MASS_DEATH_LATENCY.name(fault + "-" + observer + "-" + placement + "-n" + connections + "-load"
                + loadConnections + (mechanism.isEmpty() ? "" : "-" + mechanism.replace(':', '_')));
    }

    /** @return "KILL NIO n100 OS load0", or with the mechanism for HOST */
    public String describe() {
        return fault + " " + observer + " n" + connections + " " + placement + " load" + loadConnections
                + (mechanism.isEmpty() ? "" : " " + mechanism);
    }

    @Override
    public int compareTo(MassDeathCombination o) {
        return ORDER.compare(this, o);
    }
}
