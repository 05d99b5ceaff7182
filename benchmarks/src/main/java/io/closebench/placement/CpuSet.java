package io.closebench.placement;

import java.util.BitSet;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A set of CPU numbers, written as Linux writes them ("0-1,3", as in {@code Cpus_allowed_list} and
 * {@code taskset -c}). Immutable.
 */
public final class CpuSet {

    private final BitSet cpus;

    private CpuSet(BitSet cpus) {
        this.cpus = (BitSet) cpus.clone();
    }

    public static CpuSet of(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            if (c < 0) {
                throw new IllegalArgumentException("CPU numbers are not negative: " + c);
            }
            b.set(c);
        }
        return new CpuSet(b);
    }

    /** Parses "0-3,6" (whitespace allowed); an empty string is the empty set. */
    public static CpuSet parse(String list) {
        BitSet b = new BitSet();
        String s = list.strip();
        if (s.isEmpty()) {
            return new CpuSet(b);
        }
        for (String part : s.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            try {
                if (dash < 0) {
                    b.set(Integer.parseInt(p));
                } else {
                    int from = Integer.parseInt(p.substring(0, dash));
                    int to = Integer.parseInt(p.substring(dash + 1));
                    if (to < from) {
                        throw new IllegalArgumentException("not a CPU list: '" + list + "'");
                    }
                    b.set(from, to + 1);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CPU list: '" + list + "'", e);
            }
        }
        return new CpuSet(b);
    }

    /** From a {@code cpu_set_t} as 64-bit words, bit i of word w = CPU 64w + i. */
    static CpuSet fromMask(long[] words) {
        return new CpuSet(BitSet.valueOf(words));
    }

    /** As a {@code cpu_set_t} of {@code words} 64-bit words. */
    long[] toMask(int words) {
        long[] mask = new long[words];
        long[] bits = cpus.toLongArray();
        System.arraycopy(bits, 0, mask, 0, Math.min(bits.length, words));
        return mask;
    }

    public int size() {
        return cpus.cardinality();
    }

    public boolean isEmpty() {
        return cpus.isEmpty();
    }

    public boolean contains(int cpu) {
        return cpus.get(cpu);
    }

    public boolean containsAll(CpuSet other) {
        BitSet b = (BitSet) other.cpus.clone();
        b.andNot(cpus);
        return b.isEmpty();
    }

    public IntStream stream() {
        return cpus.stream();
    }

    public int lowest() {
        if (cpus.isEmpty()) {
            throw new IllegalStateException("no CPU in the empty set");
        }
        return cpus.nextSetBit(0);
    }

    public int highest() {
        if (cpus.isEmpty()) {
            throw new IllegalStateException("no CPU in the empty set");
        }
        return cpus.length() - 1;
    }

    /** "0-1,3". */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        int i = cpus.nextSetBit(0);
        while (i >= 0) {
            int end = cpus.nextClearBit(i) - 1;
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(i);
            if (end > i) {
                s.append('-').append(end);
            }
            i = cpus.nextSetBit(end + 1);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet other && other.cpus.equals(cpus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cpus);
    }
}
