package io.closebench.cli;

import io.closebench.cable.CableFault;
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
 * loopback scenarios (a case id selects all its variants), S1's variants (the namespace topology's
 * faults), the models that run here and those skipped with the reason. An unknown name is a
 * ParameterException listing the valid ones: exit status 2.
 *
 * @param scenarios   the loopback scenarios, in catalogue order of the selectors
 * @param pulledCable S1's variants named
 * @param observers   models that run here
 * @param skipped     models that cannot run here, with the reason
 */
record CaseSelection(List<Scenario> scenarios, List<CableFault> pulledCable, List<Observer> observers,
                     Map<Observer, String> skipped) {

    static CaseSelection of(List<String> cases, List<Observer> observers, CommandLine commandLine) {
        Set<Scenario> scenarios = new LinkedHashSet<>();
        Set<CableFault> pulledCable = new LinkedHashSet<>();
        List<String> selectors = cases.isEmpty() ? Arrays.stream(CaseId.values()).map(Enum::name).toList() : cases;
        for (String selector : selectors) {
            List<Scenario> selected = ScenarioCatalogue.select(selector.trim());
            List<CableFault> faults = ScenarioCatalogue.selectPulledCable(selector.trim());
            if (selected.isEmpty() && faults.isEmpty()) {
                throw new ParameterException(commandLine, "unknown case '" + selector + "'. Valid: "
                        + String.join(", ", ScenarioCatalogue.selectors()));
            }
            scenarios.addAll(selected);
            pulledCable.addAll(faults);
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
        return new CaseSelection(new ArrayList<>(scenarios), new ArrayList<>(pulledCable), running, skipped);
    }
}
