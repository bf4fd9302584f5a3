package io.punctual.scheduler.schedule;

import com.cronutils.model.time.ExecutionTime;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * Which wall-clock times a cron matches, with no zone: cron-utils evaluated in UTC, where every local time exists
 * once, with two of its faults in 9.2.1 worked around.
 * <ul>
 *   <li>A day-of-month {@code nW} on the last day of a month that is a Sunday matches that Sunday instead of the
 *       Friday before. So a cron with {@code nW} is given to cron-utils with every day of the month, and the
 *       nearest weekday is picked here ({@link #nearestWeekday}).</li>
 *   <li>cron-utils throws "Invalid date 'FEBRUARY 31'" when a day-of-month it handles specially (e.g. in a list
 *       with {@code W}) does not exist in a month it reaches; such a month is skipped, as Spring and Quartz do.</li>
 * </ul>
 */
final class WallClockCron {

    /** Bounds the months skipped: a cron that keeps missing for that long (30 February) never fires. */
    private static final int MAX_MONTHS = 1_200;

    private final ExecutionTime executionTime;
    private final int nearestWeekdayTo;

    /**
     * @param nearestWeekdayTo n of a day-of-month {@code nW} that {@code executionTime} was built without (with
     *                         {@code *} in its place), or 0 when the cron has none
     */
    WallClockCron(ExecutionTime executionTime, int nearestWeekdayTo) {
        this.executionTime = executionTime;
        this.nearestWeekdayTo = nearestWeekdayTo;
    }

    /** The first matching wall-clock time strictly after {@code probe}, a whole second. */
    Optional<LocalDateTime> nextAfter(LocalDateTime probe) {
        for (int month = 0; month < MAX_MONTHS; month++) {
            Optional<LocalDateTime> match = cronUtilsNextAfter(probe);
            if (match.isEmpty() || nearestWeekdayTo == 0) {
                return match;
            }
            LocalDate day = match.get().toLocalDate();
            LocalDate wanted = nearestWeekday(YearMonth.from(day), nearestWeekdayTo);
            if (day.equals(wanted)) {
                return match;
            }
            probe = wanted != null && day.isBefore(wanted)
                    ? wanted.atStartOfDay().minusSeconds(1)
                    : day.with(TemporalAdjusters.firstDayOfNextMonth()).atStartOfDay().minusSeconds(1);
        }
        return Optional.empty();
    }

    private Optional<LocalDateTime> cronUtilsNextAfter(LocalDateTime probe) {
        for (int month = 0; month < MAX_MONTHS; month++) {
            try {
                return executionTime.nextExecution(probe.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
            } catch (DateTimeException noSuchDay) {
                // thrown only once no later match is left in the probe's month: go on from the next month
                // (strictly after midnight on the 1st, a time no such day-of-month can match)
                probe = probe.with(TemporalAdjusters.firstDayOfNextMonth()).truncatedTo(ChronoUnit.DAYS);
            }
        }
        return Optional.empty();
    }

    /**
     * The weekday nearest to day {@code n} of {@code month}, never in another month (Quartz's {@code nW}): a
     * Saturday moves to the Friday before, or to Monday the 3rd for the 1st; a Sunday to the Monday after, or to the
     * Friday before for the last day of the month. Null when the month has no day n.
     */
    static LocalDate nearestWeekday(YearMonth month, int n) {
        if (n > month.lengthOfMonth()) {
            return null;
        }
        LocalDate day = month.atDay(n);
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return n == 1 ? day.plusDays(2) : day.minusDays(1);
        }
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return n == month.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
        }
        return day;
    }
}
