package io.punctual.scheduler;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kind of a {@link Schedule}. Each has a {@link #word() word}, the name of the attribute that sets it
 * ({@code cron}, {@code fixedRate}, {@code fixedDelay}, {@code at}), which is how stores and JSON spell it.
 */
public enum ScheduleKind {
    /** A cron expression in a zone: {@link Schedule#cron}. */
    CRON("cron"),
    /** Starts a fixed period apart: {@link Schedule#fixedRate}. */
    FIXED_RATE("fixedRate"),
    /** A fixed delay after the end of the previous run: {@link Schedule#fixedDelay}. */
    FIXED_DELAY("fixedDelay"),
    /** Once, at an instant: {@link Schedule#at}. */
    AT("at");

    private final String word;

    ScheduleKind(String word) {
        this.word = word;
    }

    /** How stores and JSON spell this kind, e.g. {@code fixedRate}. */
    public String word() {
        return word;
    }

    /**
     * The kind spelled {@code word}, exactly as {@link #word()} spells it.
     *
     * @throws IllegalArgumentException naming {@code word} and the allowed words when it is none of them
     */
    public static ScheduleKind fromWord(String word) {
        for (ScheduleKind k : values()) {
            if (k.word.equals(word)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown schedule kind " + (word == null ? "null" : "'" + word + "'")
                + "; allowed: " + allowed());
    }

    /** The words of all kinds: {@code cron, fixedRate, fixedDelay, at}. */
    public static String allowed() {
        return Arrays.stream(values()).map(ScheduleKind::word).collect(Collectors.joining(", "));
    }
}
