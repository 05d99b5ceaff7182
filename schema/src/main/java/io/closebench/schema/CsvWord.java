package io.closebench.schema;

import java.util.Arrays;

/**
 * A value written to a results CSV as a word of its own rather than its constant's name (a column
 * whose published files say "yes", "n/a" or "child-realtime"). {@link CsvLog} writes
 * {@link #word()}; readers turn the word back with {@link #parse}.
 */
public interface CsvWord {

    /** The cell as written. */
    String word();

    /**
     * The constant of {@code type} written as {@code word}.
     *
     * @throws IllegalArgumentException naming the word and the words allowed, for any other
     */
    static <E extends Enum<E> & CsvWord> E parse(Class<E> type, String word) {
        for (E e : type.getEnumConstants()) {
            if (e.word().equals(word)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not one of " + Arrays.stream(type.getEnumConstants())
                .map(CsvWord::word).toList());
    }
}
