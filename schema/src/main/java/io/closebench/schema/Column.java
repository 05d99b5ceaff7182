package io.closebench.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A column of one of the results folder's CSV files. Each file kind has an enum of its columns, in
 * file order; the header is the constant's name in lower case. The writers fill rows by column and
 * the reader asks for cells by column, so that both sides agree on every name by construction.
 */
public interface Column {

    /** @return the constant's name, as an enum gives it */
    String name();

    /** @return the header cell: the name in lower case, e.g. {@code latency_ns} */
    default String header() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the headers of an enum's columns, in file order */
    static <C extends Enum<C> & Column> List<String> headers(Class<C> columns) {
        return Arrays.stream(columns.getEnumConstants()).map(Column::header).toList();
    }
}
