package io.punctual.scheduler;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a job's fires run. */
public enum JobScope {
    /** Each fire runs once across all nodes sharing the store. */
    CLUSTER,
    /** Every node runs it, from memory. */
    NODE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a word that is not {@code cluster} or {@code node} */
    public static JobScope fromWord(String word) {
        for (JobScope s : values()) {
            if (s.word().equals(word.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + word + "'; allowed: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(JobScope::word).collect(Collectors.joining(", "));
    }
}
