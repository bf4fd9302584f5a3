package io.punctual.scheduler.schedule;

import io.punctual.scheduler.InvalidScheduleException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a rejected cron expression into an {@link InvalidScheduleException} that names the field at fault and
 * says why. cron-utils only says what is wrong, not where, so the culprit is found by parsing one field at a
 * time with every other field made neutral.
 */
final class CronErrors {

    static final String ALLOWED = "a cron expression of 5 fields (Unix: minute hour day-of-month month day-of-week), "
            + "6 fields (Spring: second minute hour day-of-month month day-of-week) or "
            + "7 fields (Quartz: second minute hour day-of-month month day-of-week year), "
            + "or one of the macros " + CronMacros.NAMES;

    private static final Pattern OCCURRENCE = Pattern.compile("#(\\d+)$");

    private CronErrors() {
    }

    static InvalidScheduleException empty(String expression) {
        return new InvalidScheduleException("Invalid cron expression " + quote(expression) + ": it is empty", ALLOWED);
    }

    static InvalidScheduleException unknownMacro(String expression) {
        return new InvalidScheduleException("Invalid cron expression " + quote(expression) + ": unknown macro; expected one of "
                + CronMacros.NAMES, ALLOWED);
    }

    static InvalidScheduleException fieldCount(String expression, int count) {
        return new InvalidScheduleException("Invalid cron expression " + quote(expression) + ": it has " + count
                + (count == 1 ? " field" : " fields") + " but a cron needs 5 (Unix), 6 (Spring) or 7 (Quartz)", ALLOWED);
    }

    /** The error for an expression cron-utils rejected as a whole. */
    static InvalidScheduleException locate(String expression, CronDialect dialect, List<String> fields, RuntimeException whole) {
        for (int i = 0; i < fields.size(); i++) {
            String fieldError = errorOfFieldAlone(dialect, fields, i);
            if (fieldError != null) {
                // cron-utils upper-cases what it quotes; show the user's own spelling
                String why = explain(fieldError).replace("'" + fields.get(i).toUpperCase(Locale.ROOT) + "'", "'" + fields.get(i) + "'");
                return invalidField(expression, dialect, i, fields.get(i), why);
            }
        }
        String why = String.valueOf(whole.getMessage()).contains("day-of-week AND a day-of-month")
                ? "day-of-month '" + fields.get(3) + "' and day-of-week '" + fields.get(5)
                        + "': exactly one of them must be ? in a Quartz cron"
                : explain(whole.getMessage());
        return new InvalidScheduleException("Invalid cron expression " + quote(expression) + ": " + why, allowed(dialect));
    }

    /**
     * Checks what cron-utils lets through but Spring and Quartz reject: a {@code d#n} occurrence outside 1-5,
     * which would otherwise be a cron that silently never fires.
     */
    static void checkOccurrence(String expression, CronDialect dialect, List<String> fields) {
        int dayOfWeek = dialect.fieldNames().indexOf("day-of-week");
        Matcher m = OCCURRENCE.matcher(fields.get(dayOfWeek));
        if (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > 5) {
                throw invalidField(expression, dialect, dayOfWeek, fields.get(dayOfWeek), "occurrence " + n + " is out of range 1-5");
            }
        }
    }

    private static String errorOfFieldAlone(CronDialect dialect, List<String> fields, int index) {
        String firstError = null;
        for (List<String> neutral : dialect.neutralForms()) {
            List<String> probe = new ArrayList<>(neutral);
            probe.set(index, fields.get(index));
            try {
                dialect.parse(String.join(" ", probe));
                return null;
            } catch (RuntimeException e) {
                firstError = firstError == null ? String.valueOf(e.getMessage()) : firstError;
            }
        }
        return firstError;
    }

    private static InvalidScheduleException invalidField(String expression, CronDialect dialect, int index, String value, String why) {
        String field = dialect.fieldNames().get(index);
        return new InvalidScheduleException("Invalid cron expression " + quote(expression) + ": " + field + " field '" + value
                + "': " + why + " (read as a " + dialect.fieldNames().size() + "-field cron, " + field + " is field " + (index + 1)
                + ")", allowed(dialect));
    }

    private static String allowed(CronDialect dialect) {
        return dialect.describe() + ". In general: " + ALLOWED;
    }

    /** cron-utils' messages, reworded for users. */
    static String explain(String message) {
        String text = String.valueOf(message).replace("Failed to parse cron expression. ", "").trim();
        Matcher m;
        if ((m = Pattern.compile("Value (\\S+) not in range \\[(-?\\d+), (\\d+)]").matcher(text)).find()) {
            return "value " + m.group(1) + " is out of range " + m.group(2) + "-" + m.group(3);
        }
        if ((m = Pattern.compile("Period (\\S+) not in range \\[(-?\\d+), (\\d+)]").matcher(text)).find()) {
            return "step /" + m.group(1) + " is out of range 1-" + m.group(3);
        }
        if ((m = Pattern.compile("Invalid chars:\\s*(.*)$").matcher(text)).find()) {
            String chars = m.group(1).trim();
            return chars.isEmpty() ? "an empty value (two commas in a row?)" : "'" + chars + "' is not a known value, name or special character here";
        }
        if ((m = Pattern.compile("For input string: \"(.*)\"").matcher(text)).find()) {
            return "'" + m.group(1) + "' is not a number";
        }
        if ((m = Pattern.compile("Invalid range! \\[(\\S+),(\\S+)]").matcher(text)).find()) {
            return "range " + m.group(1) + "-" + m.group(2) + " goes backwards (the start must not be after the end)";
        }
        if ((m = Pattern.compile("Invalid expression: (.*)$").matcher(text)).find()) {
            return "'" + m.group(1).trim() + "' is not allowed in this field";
        }
        return text;
    }

    private static String quote(String expression) {
        return expression == null ? "null" : "'" + expression + "'";
    }
}
