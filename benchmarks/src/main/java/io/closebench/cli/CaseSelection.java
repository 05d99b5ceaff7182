package io.closebench.cli;

import io.closebench.observe.ObserverModels;
import io.closebench.scenario.CaseId;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Observer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What {@code --cases} and {@code --observers} name, as the commands that run cases read them: the
 * scenarios (a case id selects all its variants), the cases that have no loopback scenario (S1,
 * pending unless the cable runs), the models that run here and those skipped with the reason. An
 * unknown name is a ParameterException listing the valid ones: exit status 2.
 *
 * @param scenarios the scenarios, in catalogue order of the selectors
 * @param pending   cases named that have no runnable loopback scenario
 * @param observers models that run here
 * @param skipped   models that cannot run here, with the reason
 */
record CaseSelection(List<Scenario> scenarios, List<CaseId> pending, List<Observer> observers,
                     Map<Observer, String> skipped) {

    static CaseSelection of(List<String> cases, List<Observer> observers, CommandLine commandLine) {
        Set<Scenario> scenarios = new LinkedHashSet<>();
        Set<CaseId> pending = new LinkedHashSet<>();
        List<String> selectors = cases.isEmpty() ? Arrays.stream(CaseId.values()).map(Enum::name).toList() : cases;
        for (String selector : selectors) {
            List<Scenario> selected = ScenarioCatalogue.select(selector.trim());
            if (selected.isEmpty()) {
                CaseId unrunnable = caseNamed(selector.trim());
                if (unrunnable == null) {
                    throw new ParameterException(commandLine, "unknown case '" + selector + "'. Valid: "
                            + String.join(", ", validSelectors()));
                }
                pending.add(unrunnable);
            }
            scenarios.addAll(selected);
        }
        List<Observer> running = new ArrayList<>();
        Map<Observer, String> skipped = new LinkedHashMap<>();
        for (Observer o : new LinkedHashSet<>(observers)) {
            if (o == Observer.NIO_PER_CORE) {
                throw new ParameterException(commandLine, "NIO_PER_CORE watches many connections (mass-death); "
                        + "a single connection has one observer. Valid: " + ObserverModels.inTheMatrix());
            }
            ObserverModels.unavailableReason(o).ifPresentOrElse(why -> skipped.put(o, why), () -> running.add(o));
        }
        return new CaseSelection(new ArrayList<>(scenarios), new ArrayList<>(pending), running, skipped);
    }

    private static CaseId caseNamed(String name) {
        for (CaseId c : CaseId.values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private static List<String> validSelectors() {
        Set<String> valid = new LinkedHashSet<>();
        for (CaseId c : CaseId.values()) {
            valid.add(c.name());
        }
        valid.addAll(ScenarioCatalogue.selectors());
        return new ArrayList<>(valid);
    }
}
