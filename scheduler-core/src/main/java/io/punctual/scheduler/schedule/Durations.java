package io.punctual.scheduler.schedule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations users write: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d} and ISO-8601. */
public final class Durations {

    /** The forms accepted, for error messages. */
    public static final String ALLOWED = "a duration such as 500ms, 10s, 5m, 2h, 1d or ISO-8601 PT10S";

    private static final Pattern SIMPLE = Pattern.compile("([-+]?\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Reads a duration. A sign is read as ISO-8601 reads one ({@code -1s} is {@code PT-1S}), so that a negative
     * value is refused by its caller as negative rather than as "not a duration"; a number too large for a
     * {@link Duration} is refused as such.
     *
     * @throws IllegalArgumentException when {@code text} is none of the accepted forms
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher m = SIMPLE.matcher(trimmed.toLowerCase(java.util.Locale.ROOT));
        if (m.matches()) {
            try {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("'" + text + "' is too long a duration; expected " + ALLOWED, e);
            }
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; expected " + ALLOWED, e);
        }
    }
}
