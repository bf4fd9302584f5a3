package io.punctual.scheduler.schedule;

import java.util.BitSet;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Rewrites a Spring day-of-week field as the explicit list of days Spring Framework's {@code CronExpression}
 * reads in it, because cron-utils' SPRING53 reads steps and Sunday-ranges differently:
 * <ul>
 *   <li>{@code *}&#47;n counts from Monday (1) in Spring, from Sunday (0) in cron-utils: {@code *}&#47;2 is
 *       Mon, Wed, Fri, Sun in Spring, Sun, Tue, Thu, Sat in cron-utils;</li>
 *   <li>{@code a/n} runs from a up to 7 in Spring, while cron-utils wraps around ({@code 7/1} is every day);</li>
 *   <li>a range starting at Sunday written 7 starts at 0 in Spring, so {@code 7-7} and {@code SUN-SUN} are every day.</li>
 * </ul>
 * Fields with {@code L}, {@code #} or {@code ?} have no such difference and are left alone, as is anything
 * malformed, so that cron-utils reports the error.
 */
final class SpringDaysOfWeek {

    private static final String[] NAMES = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

    private SpringDaysOfWeek() {
    }

    static String normalize(String field) {
        String upper = field.toUpperCase(Locale.ROOT);
        if (upper.equals("*") || upper.contains("L") || upper.contains("#") || upper.contains("?")) {
            return field;
        }
        for (int i = 0; i < NAMES.length; i++) {
            upper = upper.replace(NAMES[i], String.valueOf(i + 1));
        }
        BitSet days = new BitSet(8);
        try {
            for (String element : upper.split(",", -1)) {
                add(element, days);
            }
        } catch (IllegalArgumentException malformed) {
            return field;
        }
        if (days.get(0)) {
            days.set(7); // 0 and 7 are both Sunday; cron-utils accepts either
            days.clear(0);
        }
        StringJoiner list = new StringJoiner(",");
        days.stream().forEach(day -> list.add(String.valueOf(day)));
        return list.toString();
    }

    private static void add(String element, BitSet days) {
        int slash = element.indexOf('/');
        String range = slash < 0 ? element : element.substring(0, slash);
        int step = slash < 0 ? 1 : Integer.parseInt(element.substring(slash + 1));
        int min;
        int max;
        if (range.equals("*")) {
            min = 1;
            max = 7;
        } else if (range.contains("-")) {
            min = Integer.parseInt(range.substring(0, range.indexOf('-')));
            max = Integer.parseInt(range.substring(range.indexOf('-') + 1));
            min = min == 7 ? 0 : min;
        } else {
            min = Integer.parseInt(range);
            max = slash < 0 ? min : 7;
        }
        if (step < 1 || min < 0 || max > 7 || min > max) {
            throw new IllegalArgumentException("left for cron-utils to report");
        }
        for (int day = min; day <= max; day += step) {
            days.set(day);
        }
    }
}
