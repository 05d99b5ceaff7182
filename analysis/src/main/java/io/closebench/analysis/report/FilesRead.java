package io.closebench.analysis.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * The list of files a report's figures come from, short enough to read: a kind of file that occurs
 * more than three times (one .hlog and one percentile CSV per fork) is given as its count and
 * pattern, the others by name.
 */
final class FilesRead {

    private static final int LISTED_UP_TO = 3;

    private FilesRead() {
    }

    /**
     * @param files file names, sorted
     * @return a Markdown list, ending with a blank line
     */
    static String describe(List<String> files) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (String f : files) {
            int dash = f.indexOf('-');
            int dot = f.lastIndexOf('.');
            String kind = dash > 0 && dot > dash ? f.substring(0, dash) + "-*" + f.substring(dot) : f;
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(f);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> e : byKind.entrySet()) {
            if (e.getValue().size() > LISTED_UP_TO) {
                out.append("- ").append(e.getValue().size()).append(" files `").append(e.getKey()).append("`\n");
            } else {
                e.getValue().forEach(f -> out.append("- `").append(f).append("`\n"));
            }
        }
        return out.append('\n').toString();
    }
}
