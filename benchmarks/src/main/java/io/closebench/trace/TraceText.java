package io.closebench.trace;

import io.closebench.wire.Endpoint;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an instance's {@code trace} file, printed twice over the same stopped ring buffer: once with
 * {@code options/raw} (each line {@code pid cpu timestamp type: id}, the timestamp in nanoseconds)
 * and once with {@code options/fields} (each line the usual context, the timestamp rounded to
 * microseconds ({@code ns2usecs()} adds 500), then every field of the event as {@code name=0xHEX (DECIMAL)}). The two printings
 * list the same events in the same order (one iterator over the same buffers, tracing off); each
 * pair of lines must agree on pid, cpu, event and microsecond, so a misalignment is detected, never
 * silently paired.
 */
final class TraceText {

    private static final Pattern RAW = Pattern.compile("^\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+type: (\\d+)\\s*$");
    private static final Pattern FIELDS = Pattern.compile(
            "^\\s*(.*)-(\\d+)\\s+\\[(\\d+)\\]\\s+(?:\\S+\\s+)?(\\d+)\\.(\\d{6}): (\\w+):(.*)$");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=0x([0-9a-f]+) \\((-?\\d+)\\)");
    private static final Pattern LOST = Pattern.compile("^CPU:(\\d+) \\[LOST(?: (\\d+))? EVENTS\\]\\s*$");

    /**
     * What the two printings held.
     *
     * @param events     the events, in the buffer's (time) order
     * @param lost       events the printing itself said were lost ({@code CPU:n [LOST m EVENTS]});
     *                   a marker without a count counts 1
     * @param unreadable lines that did not parse as one of the traced events, verbatim
     */
    record Parsed(List<KernelEvent> events, long lost, List<String> unreadable) {
    }

    private TraceText() {
    }

    /**
     * @param raw    the {@code trace} file printed with {@code options/raw}
     * @param fields the same printed with {@code options/fields}
     * @param ids    the tracepoints' ids ({@code events/<system>/<name>/id})
     * @throws IllegalStateException when the two printings do not list the same events
     */
    static Parsed parse(String raw, String fields, Map<Integer, TracedEvent> ids) {
        List<String> rawLines = entries(raw);
        List<String> fieldLines = entries(fields);
        long lost = 0;
        List<String> unreadable = new ArrayList<>();
        List<String> rawEvents = new ArrayList<>();
        for (String line : rawLines) {
            if (!LOST.matcher(line).matches()) {
                rawEvents.add(line);
            }
        }
        List<String> fieldEvents = new ArrayList<>();
        for (String line : fieldLines) {
            Matcher lostLine = LOST.matcher(line);
            if (lostLine.matches()) {
                lost += lostLine.group(2) == null ? 1 : Long.parseLong(lostLine.group(2));
            } else {
                fieldEvents.add(line);
            }
        }
        if (rawEvents.size() != fieldEvents.size()) {
            throw new IllegalStateException("the trace printed " + rawEvents.size() + " raw lines but "
                    + fieldEvents.size() + " field lines");
        }
        List<KernelEvent> events = new ArrayList<>(rawEvents.size());
        for (int i = 0; i < rawEvents.size(); i++) {
            Matcher r = RAW.matcher(rawEvents.get(i));
            Matcher f = FIELDS.matcher(fieldEvents.get(i));
            if (!r.matches() || !f.matches()) {
                if (!r.matches() && f.matches()) {
                    throw new IllegalStateException("raw line " + i + " unreadable: " + rawEvents.get(i));
                }
                unreadable.add(fieldEvents.get(i));
                continue;
            }
            long nanos = Long.parseLong(r.group(3));
            long micros = Long.parseLong(f.group(4)) * 1_000_000L + Long.parseLong(f.group(5));
            TracedEvent byId = ids.get(Integer.parseInt(r.group(4)));
            TracedEvent byName = TracedEvent.byTracepoint(f.group(6));
            if (!r.group(1).equals(f.group(2)) || Integer.parseInt(r.group(2)) != Integer.parseInt(f.group(3))
                    || (nanos + 500) / 1_000 != micros || byId != byName) {
                throw new IllegalStateException("the two printings disagree at event " + i + ": '"
                        + rawEvents.get(i) + "' against '" + fieldEvents.get(i) + "'");
            }
            try {
                events.add(event(byName, nanos, Integer.parseInt(r.group(2)), values(f.group(7))));
            } catch (IllegalArgumentException e) {
                unreadable.add(fieldEvents.get(i));
            }
        }
        return new Parsed(List.copyOf(events), lost, List.copyOf(unreadable));
    }

    /** The lines that are neither empty nor a {@code #} header. */
    private static List<String> entries(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static Map<String, Long> values(String text) {
        Map<String, Long> values = new HashMap<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            values.put(m.group(1), Long.parseUnsignedLong(m.group(2), 16));
        }
        return values;
    }

    /** @throws IllegalArgumentException when the event is not ours or a field is missing or out of range */
    private static KernelEvent event(TracedEvent kind, long nanos, int cpu, Map<String, Long> v) {
        if (kind == null) {
            throw new IllegalArgumentException("not a traced event");
        }
        return switch (kind) {
            case RETRANSMIT_ATTEMPT -> new RetransmitAttempt(nanos, ends(v), TcpState.ofNumber(number(v, "state")),
                    number(v, "err"), pointer(v, "skbaddr"), pointer(v, "skaddr"));
            case STATE_CHANGE -> new StateChange(nanos, ends(v), TcpState.ofNumber(number(v, "oldstate")),
                    TcpState.ofNumber(number(v, "newstate")), pointer(v, "skaddr"));
            case ICMP_SENT -> new IcmpSent(nanos, number(v, "type"), number(v, "code"),
                    new Endpoint(address(v, "saddr"), number(v, "sport")),
                    new Endpoint(address(v, "daddr"), number(v, "dport")));
            case TIMER_START -> new TimerStart(nanos, pointer(v, "timer"), pointer(v, "expires"),
                    pointer(v, "bucket_expiry"), pointer(v, "now"), number(v, "flags"));
            case TIMER_EXPIRY -> new TimerExpiry(nanos, pointer(v, "timer"), pointer(v, "now"), pointer(v, "baseclk"), cpu);
        };
    }

    private static SocketEnds ends(Map<String, Long> v) {
        return new SocketEnds(new Endpoint(address(v, "saddr"), number(v, "sport")),
                new Endpoint(address(v, "daddr"), number(v, "dport")));
    }

    /** A field as the C int (or shorter unsigned) it was: the printed hex holds its bits. */
    private static int number(Map<String, Long> v, String name) {
        Long value = v.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return (int) value.longValue();
    }

    /** A kernel pointer or {@code unsigned long} field, as its 64 bits. */
    private static long pointer(Map<String, Long> v, String name) {
        Long value = v.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return value;
    }

    /** A {@code __u8[4]} address, printed as one integer in this machine's byte order. */
    private static Inet4Address address(Map<String, Long> v, String name) {
        byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(number(v, name)).array();
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + name, e);
        }
    }
}
