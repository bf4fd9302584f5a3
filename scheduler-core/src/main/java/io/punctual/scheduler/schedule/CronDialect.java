package io.punctual.scheduler.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import java.util.List;

/**
 * The three cron dialects, told apart by their number of fields, each backed by a cron-utils definition.
 *
 * <p>The 6-field dialect uses cron-utils' {@code SPRING53}, not {@code SPRING}: only the former has
 * {@code L}, {@code W} and {@code #}, as Spring Framework's {@code CronExpression} (5.3 and later) does,
 * and both require day-of-month and day-of-week to match together, as Spring does.
 */
enum CronDialect {

    UNIX("Unix", CronType.UNIX, List.of("minute", "hour", "day-of-month", "month", "day-of-week"),
            "minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 0-7 or SUN-SAT (0 and 7 are Sunday); "
                    + "* , - / in every field"),
    SPRING("Spring", CronType.SPRING53, List.of("second", "minute", "hour", "day-of-month", "month", "day-of-week"),
            "second 0-59, minute 0-59, hour 0-23, day-of-month 1-31 or L, L-n, nW, LW, ?, month 1-12 or JAN-DEC, "
                    + "day-of-week 0-7 or SUN-SAT (0 and 7 are Sunday) or dL, d#n, ?; * , - / in every field"),
    QUARTZ("Quartz", CronType.QUARTZ, List.of("second", "minute", "hour", "day-of-month", "month", "day-of-week", "year"),
            "second 0-59, minute 0-59, hour 0-23, day-of-month 1-31 or L, L-n, nW, LW, ?, month 1-12 or JAN-DEC, "
                    + "day-of-week 1-7 or SUN-SAT (1 is Sunday) or dL, d#n, ?, year 1970-2099; * , - / in every field; "
                    + "exactly one of day-of-month and day-of-week must be ?");

    private final String label;
    private final CronParser parser;
    private final List<String> fieldNames;
    private final String fieldRules;

    CronDialect(String label, CronType type, List<String> fieldNames, String fieldRules) {
        this.label = label;
        this.parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type));
        this.fieldNames = fieldNames;
        this.fieldRules = fieldRules;
    }

    /** The dialect with this many fields, or null. */
    static CronDialect forFieldCount(int count) {
        for (CronDialect dialect : values()) {
            if (dialect.fieldNames.size() == count) {
                return dialect;
            }
        }
        return null;
    }

    /** Parses and validates; throws cron-utils' {@link IllegalArgumentException} when the text is not valid. */
    Cron parse(String normalized) {
        if (this == SPRING) {
            String[] fields = normalized.split(" ");
            if (fields[3].equals("?") && fields[5].equals("?")) {
                fields[3] = "*"; // cron-utils never fires when both day fields are ?, Spring reads ? as *
            }
            fields[5] = SpringDaysOfWeek.normalize(fields[5]);
            normalized = String.join(" ", fields);
        }
        return parser.parse(normalized).validate();
    }

    List<String> fieldNames() {
        return fieldNames;
    }

    /**
     * How many leading fields give the time of day: second, minute, hour; minute and hour for Unix, whose second
     * is always 0.
     */
    int timeFieldCount() {
        return this == UNIX ? 2 : 3;
    }

    /** "Spring 6-field cron (second minute ...)" */
    String describe() {
        return label + " " + fieldNames.size() + "-field cron (" + String.join(" ", fieldNames) + "): " + fieldRules;
    }

    /**
     * Values that make a field match anything, tried in turn while looking for the field at fault. Quartz needs
     * exactly one {@code ?} among the two day fields, so it has two ways of being neutral.
     */
    List<List<String>> neutralForms() {
        List<String> stars = fieldNames.stream().map(name -> "*").toList();
        if (this != QUARTZ) {
            return List.of(stars);
        }
        return List.of(List.of("*", "*", "*", "*", "*", "?", "*"), List.of("*", "*", "*", "?", "*", "*", "*"));
    }
}
