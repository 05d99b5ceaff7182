package io.closebench.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as a person types it: "90s", "30m", "1h30m", "500ms", or ISO-8601 ("PT30M"); never
 * negative (no option of closebench takes a negative time). What a command takes beyond that (more
 * than 0, at least 100ms) it checks itself, quoting the value.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("-")) {
            throw new TypeConversionException("'" + value + "' is negative; give a duration of 0 or more (e.g. 90s, 30m, "
                    + "1h30m)");
        }
        if (v.startsWith("pt")) {
            Duration parsed;
            try {
                parsed = Duration.parse(value.trim());
            } catch (RuntimeException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 30m, 1h30m)");
            }
            if (parsed.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative; give a duration of 0 or more (e.g. 90s, "
                        + "30m, 1h30m)");
            }
            return parsed;
        }
        Matcher m = PART.matcher(v);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end == 0 || end != v.length()) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 30m, 1h30m)");
        }
        return total;
    }
}
