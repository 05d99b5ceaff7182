package io.closebench.floor;

import io.closebench.schema.FloorApi;
import io.closebench.schema.Placement;
import java.util.ArrayList;
import java.util.List;

/**
 * One combination the native program measures: scenario, observer API, thread placement, and how
 * long the peer idles once the observer sleeps, before the fault.
 *
 * @param idleMicros 0 to {@link #MAX_IDLE_MICROS}: the program's bound, so that a run stays bounded
 */
public record FloorCase(FloorScenario scenario, FloorApi api, Placement placement, long idleMicros) {

    /** The program refuses more: every run must end in bounded time. */
    public static final long MAX_IDLE_MICROS = 10_000_000;

    public FloorCase {
        if (scenario == null || api == null || placement == null) {
            throw new IllegalArgumentException("scenario, api and placement are required");
        }
        if (idleMicros < 0 || idleMicros > MAX_IDLE_MICROS) {
            throw new IllegalArgumentException("idle before the fault must be 0.." + MAX_IDLE_MICROS + " us, was "
                    + idleMicros);
        }
    }

    /** Every combination, scenario outermost, idle time innermost. */
    public static List<FloorCase> grid(List<FloorScenario> scenarios, List<FloorApi> apis, List<Placement> placements,
                                       List<Long> idleMicros) {
        List<FloorCase> cases = new ArrayList<>();
        for (FloorScenario s : scenarios) {
            for (FloorApi a : apis) {
                for (Placement p : placements) {
                    for (long idle : idleMicros) {
                        cases.add(new FloorCase(s, a, p, idle));
                    }
                }
            }
        }
        return List.copyOf(cases);
    }

    /** The program's arguments after its path: scenario api placement idle_us warmup reps. */
    List<String> arguments(int warmupRepetitions, int repetitions) {
        return List.of(scenario.id(), api.name(), placement.name(), Long.toString(idleMicros),
                Integer.toString(warmupRepetitions), Integer.toString(repetitions));
    }

    @Override
    public String toString() {
        return scenario.id() + " " + api + " " + placement + " idle " + idleMicros + " us";
    }
}
