package io.punctual.scheduler.dashboard;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** A job's schedule in words, from the form the scheduler lists it in ({@code cron 0 * * * * *}, {@code fixedRate PT5S}…). */
final class ScheduleWords {

    private static final Map<String, String> MACROS = Map.of("@yearly", "once a year, at midnight on 1 January",
            "@annually", "once a year, at midnight on 1 January", "@monthly", "at midnight on the first day of every month",
            "@weekly", "at midnight every Sunday", "@daily", "every day at midnight", "@midnight", "every day at midnight",
            "@hourly", "at the start of every hour");
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SPRING = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private ScheduleWords() {
    }

    /** The schedule in words; the schedule as written when it cannot be put in words. */
    static String describe(String schedule) {
        if (schedule == null) {
            return "";
        }
        int space = schedule.indexOf(' ');
        String kind = space < 0 ? schedule : schedule.substring(0, space);
        String rest = space < 0 ? "" : schedule.substring(space + 1).trim();
        try {
            return switch (kind) {
                case "cron" -> cron(rest);
                case "fixedRate" -> "every " + words(Duration.parse(rest));
                case "fixedDelay" -> words(Duration.parse(rest)) + " after each run ends";
                case "at" -> "once, at " + Instant.parse(rest);
                default -> schedule;
            };
        } catch (RuntimeException e) {
            return schedule;
        }
    }

    private static String cron(String expression) {
        String macro = MACROS.get(expression.toLowerCase(Locale.ROOT));
        if (macro != null) {
            return macro;
        }
        int fields = expression.split("\\s+").length;
        CronParser parser = fields == 5 ? UNIX : fields == 7 ? QUARTZ : SPRING;
        return CronDescriptor.instance(Locale.UK).describe(parser.parse(expression));
    }

    /** "5 seconds", "1 minute", "1 h 30 min", "250 milliseconds". */
    static String words(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + " milliseconds";
        }
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return plural(s / 86_400, "day");
        }
        if (s % 3600 == 0) {
            return plural(s / 3600, "hour");
        }
        if (s % 60 == 0) {
            return plural(s / 60, "minute");
        }
        if (s < 60) {
            return plural(s, "second");
        }
        return Times.amount(d) + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }

    private static String plural(long n, String unit) {
        return n == 1 ? "1 " + unit : n + " " + unit + "s";
    }
}
