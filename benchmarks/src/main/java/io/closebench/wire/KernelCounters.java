package io.closebench.wire;

import io.closebench.netns.BoundedCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reading of the {@link TcpCounter}s of one network namespace. The counters are the namespace's
 * own, so in a namespace made for one test they count that test's segments only.
 *
 * @param values each counter present on this kernel, with its value
 */
public record KernelCounters(Map<TcpCounter, Long> values) {

    public KernelCounters {
        values = Map.copyOf(values);
    }

    /**
     * Reads them now: in {@code namespace} through {@code ip netns exec NS cat}, or this JVM's own
     * when empty.
     */
    public static KernelCounters read(Optional<String> namespace) {
        List<String> files = List.of("/proc/net/snmp", "/proc/net/netstat");
        if (namespace.isPresent()) {
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace.get(), "cat"));
            argv.addAll(files);
            return parse(BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT, argv).stdout());
        }
        StringBuilder text = new StringBuilder();
        for (String file : files) {
            try {
                text.append(Files.readString(Path.of(file))).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }
        return parse(text.toString());
    }

    /** From the text of those files: per group, a header line of names and a line of values. */
    static KernelCounters parse(String text) {
        Map<TcpCounter, Long> values = new EnumMap<>(TcpCounter.class);
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            String[] names = lines[i].trim().split("\\s+");
            String[] numbers = lines[i + 1].trim().split("\\s+");
            if (names.length < 2 || !names[0].equals(numbers[0]) || names.length != numbers.length
                    || !numbers[numbers.length - 1].matches("-?\\d+")) {
                continue;
            }
            for (TcpCounter counter : TcpCounter.values()) {
                if (names[0].equals(counter.group() + ":")) {
                    for (int k = 1; k < names.length; k++) {
                        if (names[k].equals(counter.field())) {
                            values.put(counter, Long.parseLong(numbers[k]));
                        }
                    }
                }
            }
            i++;
        }
        return new KernelCounters(values);
    }

    /**
     * One counter's value.
     *
     * @throws IllegalStateException when this kernel does not have it
     */
    public long get(TcpCounter counter) {
        Long value = values.get(counter);
        if (value == null) {
            throw new IllegalStateException("this kernel does not count " + counter.group() + " " + counter.field());
        }
        return value;
    }

    /** How much each counter grew since {@code before}. */
    public KernelCounters since(KernelCounters before) {
        Map<TcpCounter, Long> delta = new EnumMap<>(TcpCounter.class);
        values.forEach((counter, value) -> {
            Long old = before.values.get(counter);
            if (old != null) {
                delta.put(counter, value - old);
            }
        });
        return new KernelCounters(delta);
    }
}
