package io.closebench.machine;

/**
 * One fact of this machine that decides what closebench can run here, as {@code closebench doctor}
 * prints it and every run's {@code metadata.csv} records it.
 *
 * @param label       what the fact is about, for a person: "network namespaces"
 * @param key         its key in {@code metadata.csv} (a {@link io.closebench.schema.MetadataKey})
 * @param value       what it is here, as the metadata records it: "available", "unavailable: not root ..."
 * @param consequence what it enables, or what is skipped without it, or what it means for the figures
 */
public record MachineFact(String label, String key, String value, String consequence) {

    /** The fact on one line: its label, its value, then its consequence. */
    public String line() {
        return String.format("%-19s %s  ->  %s", label + ":", value, consequence);
    }
}
