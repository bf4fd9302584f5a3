package io.punctual.scheduler.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import io.punctual.scheduler.InvalidScheduleException;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.ScheduleKind;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cron expression read in a time zone.
 *
 * <p>The number of fields picks the dialect: 5 = Unix ({@code minute hour day-of-month month day-of-week}),
 * 6 = Spring ({@code second} first, as Spring Framework's {@code CronExpression}), 7 = Quartz ({@code second}
 * first, {@code year} last). The macros {@code @yearly @annually @monthly @weekly @daily @midnight @hourly} stand
 * for the usual times. Month names {@code JAN-DEC} and day names {@code SUN-SAT} are accepted in any case;
 * {@code L W # ?} in the Spring and Quartz dialects only.
 *
 * <p>When both day-of-month and day-of-week are restricted: Spring and Quartz fire on days matching both
 * (Quartz even requires one of them to be {@code ?}); Unix fires on days matching either, as cron-utils' UNIX
 * definition does, so {@code 0 0 13 * 5} fires on every 13th and every Friday. Unlike Vixie cron, a field such as
 * {@code *}&#47;2 counts as restricted: {@code 0 0 *}&#47;{@code 2 * 5} fires on odd days and on Fridays.
 * A 6-field cron fires when Spring Framework's {@code CronExpression} does, day-of-week steps included
 * ({@code *}&#47;2 is Monday, Wednesday, Friday, Sunday), except where Spring is wrong: {@code nW} is the Friday
 * before when day n is both a Sunday and the last day of its month (Spring skips that month), and {@code L-n}
 * past the 1st of a short month does not fire in that month (Spring fires in the month before).
 *
 * <p>Daylight saving time follows Vixie cron. A <em>fixed-time</em> cron ({@link #isFixedTime()}: second, minute
 * and hour are each a single number) fires once when its wall-clock time occurs twice, at the first occurrence,
 * and at the end of the gap when its time is skipped. Every other cron fires at each matching instant that
 * exists: twice for a matching time repeated by an overlap, never in a gap.
 *
 * <p>Immutable and thread-safe. Equal when the expression (as written, trimmed) and the zone are equal.
 */
public final class CronSchedule implements Schedule {

    private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d+)[wW]");
    private static final int DAY_OF_MONTH = 3; // in the Spring and Quartz dialects

    private final String expression;
    private final ZoneId zone;
    private final boolean fixedTime;
    private final CronFires fires;

    private CronSchedule(String expression, ZoneId zone, boolean fixedTime, WallClockCron wallClock) {
        this.expression = expression;
        this.zone = zone;
        this.fixedTime = fixedTime;
        this.fires = new CronFires(wallClock, zone.getRules(), fixedTime);
    }

    /**
     * Parses {@code expression} (5, 6 or 7 fields, or a macro) to be read in {@code zone}.
     *
     * @throws InvalidScheduleException naming the field at fault, its value and why, when the expression is invalid
     * @throws NullPointerException when {@code zone} is null
     */
    public static CronSchedule parse(String expression, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        ParseKey key = new ParseKey(expression, zone);
        CronSchedule known = PARSED.get(key);
        if (known != null) {
            return known;
        }
        CronSchedule parsed = parseAnew(expression, zone);
        if (PARSED.size() >= PARSED_KEPT) {
            PARSED.clear(); // more expressions than an application declares: start again rather than grow
        }
        PARSED.put(key, parsed);
        return parsed;
    }

    /**
     * Schedules parsed before, by expression as given and zone. Parsing costs tens of microseconds (cron-utils compiles
     * patterns to validate each field), and the JPA store reads a job's schedule from its row at every claim: in S3,
     * 10,000 jobs on one cron, reading the rows took most of a claim's time in the application. Applications use a
     * handful of expressions; dynamic jobs rarely more than a few hundred.
     */
    private static final Map<ParseKey, CronSchedule> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_KEPT = 1_024;

    private record ParseKey(String expression, ZoneId zone) {
    }

    private static CronSchedule parseAnew(String expression, ZoneId zone) {
        if (expression == null || expression.isBlank()) {
            throw CronErrors.empty(expression);
        }
        String trimmed = expression.trim();
        String normalized = trimmed.replaceAll("\\s+", " ");
        if (normalized.startsWith("@")) {
            normalized = CronMacros.expand(normalized);
            if (normalized == null) {
                throw CronErrors.unknownMacro(trimmed);
            }
        }
        List<String> fields = Arrays.asList(normalized.split(" "));
        CronDialect dialect = CronDialect.forFieldCount(fields.size());
        if (dialect == null) {
            throw CronErrors.fieldCount(trimmed, fields.size());
        }
        Cron cron;
        try {
            cron = dialect.parse(normalized);
        } catch (RuntimeException e) {
            throw CronErrors.locate(trimmed, dialect, fields, e);
        }
        CronErrors.checkOccurrence(trimmed, dialect, fields);
        return new CronSchedule(trimmed, zone, isFixedTime(dialect, fields), wallClock(dialect, fields, cron));
    }

    /** cron-utils' matching, except for a day-of-month {@code nW}, which {@link WallClockCron} picks itself. */
    private static WallClockCron wallClock(CronDialect dialect, List<String> fields, Cron cron) {
        Matcher nearestWeekday = NEAREST_WEEKDAY.matcher(fields.get(DAY_OF_MONTH));
        if (dialect == CronDialect.UNIX || !nearestWeekday.matches()) {
            return new WallClockCron(ExecutionTime.forCron(cron), 0);
        }
        List<String> everyDay = new ArrayList<>(fields);
        everyDay.set(DAY_OF_MONTH, "*");
        Cron everyDayCron = dialect.parse(String.join(" ", everyDay));
        return new WallClockCron(ExecutionTime.forCron(everyDayCron), Integer.parseInt(nearestWeekday.group(1)));
    }

    private static boolean isFixedTime(CronDialect dialect, List<String> fields) {
        for (int i = 0; i < dialect.timeFieldCount(); i++) {
            if (!fields.get(i).matches("\\d+")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return fires.next(after);
    }

    @Override
    public Optional<Instant> first(Instant start) {
        return start.equals(Instant.MIN) ? fires.next(start) : fires.next(start.minusNanos(1));
    }

    /** Whether second, minute and hour are each a single value, which changes how daylight saving time is handled. */
    public boolean isFixedTime() {
        return fixedTime;
    }

    /** The expression as written, trimmed. */
    public String expression() {
        return expression;
    }

    @Override
    public ScheduleKind kind() {
        return ScheduleKind.CRON;
    }

    @Override
    public String description() {
        return "cron " + expression;
    }

    @Override
    public Optional<ZoneId> zone() {
        return Optional.of(zone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && expression.equals(other.expression) && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression, zone);
    }

    @Override
    public String toString() {
        return "CronSchedule[" + expression + " in " + zone + "]";
    }
}
