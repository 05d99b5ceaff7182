package io.closebench.schema;

/** {@code metadata.csv}: one key and its value per row; the keys are in {@link MetadataKey}. */
public enum MetadataColumn implements Column {
    KEY, VALUE
}
