package io.punctual.scheduler.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as {@code <time>} elements: the ISO-8601 instant in {@code datetime}, the absolute time (UTC) and a
 * relative text such as "in 3 min" that the page's script keeps current.
 */
final class Times {

    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** A {@code <time>} with absolute and relative text, or a dash for null. */
    static String element(Instant instant, Instant now) {
        if (instant == null) {
            return "<span class=\"none\">–</span>";
        }
        String iso = instant.truncatedTo(ChronoUnit.MILLIS).toString();
        return "<time datetime=\"" + Html.esc(iso) + "\" title=\"" + Html.esc(iso) + "\">"
                + "<span class=\"abs\">" + ABSOLUTE.format(instant) + "</span> "
                + "<span class=\"rel\">" + relative(instant, now) + "</span></time>";
    }

    /** "in 3 min", "12 s ago", "now". */
    static String relative(Instant instant, Instant now) {
        Duration d = Duration.between(now, instant);
        boolean future = !d.isNegative();
        String amount = amount(d.abs());
        if (amount == null) {
            return "now";
        }
        return future ? "in " + amount : amount + " ago";
    }

    /** A short human duration: "850 ms", "12 s", "3 min", "2 h 5 min", "4 days"; null below one second for relative use. */
    static String amount(Duration d) {
        long s = d.getSeconds();
        if (s < 1) {
            return null;
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            long m = (s % 3600) / 60;
            return (s / 3600) + " h" + (m == 0 ? "" : " " + m + " min");
        }
        long days = s / 86_400;
        return days + (days == 1 ? " day" : " days");
    }

    /** A duration for tables: milliseconds below ten seconds, else {@link #amount}. */
    static String millis(Long ms) {
        if (ms == null) {
            return "–";
        }
        if (ms < 10_000) {
            return ms + " ms";
        }
        return amount(Duration.ofMillis(ms));
    }
}
