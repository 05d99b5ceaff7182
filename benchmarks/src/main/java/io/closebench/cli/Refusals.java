package io.closebench.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How closebench refuses bad input: two lines on stderr, the reason (naming the option and quoting
 * the value given, in its unit) and where the help is, and exit status 2. No usage dump: the usage is
 * one {@code --help} away, and twenty lines of it bury the one line that says what was wrong.
 */
final class Refusals implements IParameterExceptionHandler {

    /** The exit status of every refusal. */
    static final int STATUS = 2;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        String command = commandLine.getCommandSpec().qualifiedName();
        PrintWriter err = commandLine.getErr();
        err.println(command + ": " + oneLine(reason(ex)));
        err.println("see '" + command + " --help'");
        err.flush();
        return STATUS;
    }

    /** picocli's own message, with its suggestions ("did you mean") on the same line. */
    private static String reason(ParameterException ex) {
        String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                        + "?";
            }
            if (ex.getCommandLine().getCommand() instanceof BenchCommand) {
                message += " (JMH's own options go after --, e.g. closebench bench -- -wi 1 -i 1 -f 1 PeerCloses)";
            }
        }
        return message;
    }

    /** A message of several lines as one: its lines joined with "; ". */
    static String oneLine(String message) {
        return String.join("; ", message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    /**
     * A value outside what an option takes: "--forks: 0 is below 1; give 1 to 100". Negative numbers
     * where none make sense are called negative.
     *
     * @param unit the option's unit as a person writes it ("us", "s"), or empty for a count
     */
    static ParameterException outOfRange(CommandSpec spec, String option, long value, String unit, long min, long max) {
        String u = unit.isEmpty() ? "" : " " + unit;
        String why = value < 0 && min >= 0 ? "is negative" : value < min ? "is below " + min + u : "is above " + max + u;
        return new ParameterException(spec.commandLine(), option + ": " + value + u + " " + why + "; give " + min + " to "
                + max + u);
    }

    /** {@link #outOfRange} unless {@code min <= value <= max}. */
    static void requireRange(CommandSpec spec, String option, long value, String unit, long min, long max) {
        if (value < min || value > max) {
            throw outOfRange(spec, option, value, unit, min, max);
        }
    }

    /** "--repetitions: 0 is below 1; give 1 or more", unless {@code value >= min}. */
    static void requireAtLeast(CommandSpec spec, String option, long value, String unit, long min) {
        if (value < min) {
            String u = unit.isEmpty() ? "" : " " + unit;
            throw new ParameterException(spec.commandLine(), option + ": " + value + u + " "
                    + (value < 0 && min >= 0 ? "is negative" : "is below " + min + u) + "; give " + min + u + " or more");
        }
    }

    /** {@link #requireRange} for every value of a list option, quoting the first one outside. */
    static void requireRange(CommandSpec spec, String option, List<? extends Number> values, String unit, long min,
                             long max) {
        if (values.isEmpty()) {
            throw new ParameterException(spec.commandLine(), option + ": no value given; give " + min + " to " + max
                    + (unit.isEmpty() ? "" : " " + unit));
        }
        for (Number v : values) {
            requireRange(spec, option, v.longValue(), unit, min, max);
        }
    }
}
