package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.InvalidJobDefinitionException;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScope;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.ScheduleKind;
import io.punctual.scheduler.UnreadableJobException;
import io.punctual.scheduler.schedule.CronSchedule;
import io.punctual.scheduler.schedule.FixedDelaySchedule;
import io.punctual.scheduler.schedule.FixedRateSchedule;
import io.punctual.scheduler.schedule.OneTimeSchedule;
import io.punctual.scheduler.schedule.WindowedSchedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/** Turns a {@link JobDefinition} into columns and back, exactly. */
final class DefinitionMapper {

    private DefinitionMapper() {
    }

    /** Writes the definition into {@code job} (its tags live in their own table; the row says whether it has any). */
    static void write(JobDefinition d, JobEntity job) {
        job.tagged = !d.tags().isEmpty();
        job.schedule = schedule(d.schedule());
        job.policy = policy(d.policy());
        job.enabled = d.enabled();
        job.initialDelay = d.initialDelay().toString();
        job.handler = d.handler();
        job.payload = d.payload();
    }

    /**
     * The definition held in {@code job}'s columns.
     *
     * @throws UnreadableJobException naming the first column whose value this node does not accept (see {@link #unreadable})
     */
    static JobDefinition read(JobEntity job, Set<String> tags) {
        try {
            return new JobDefinition(job.id, schedule(job.schedule), policy(job.policy), tags, job.enabled,
                    duration(job.initialDelay), job.handler, job.payload);
        } catch (RuntimeException e) {
            throw unreadable(job, true, e);
        }
    }

    /**
     * The definition held in {@code job}'s columns with {@code schedule} instead of the stored one, which is not read: what
     * a reschedule keeps of a job.
     *
     * @throws UnreadableJobException naming the first column (not of the schedule) whose value this node does not accept
     */
    static JobDefinition readWith(JobEntity job, Set<String> tags, Schedule schedule) {
        try {
            return new JobDefinition(job.id, schedule, policy(job.policy), tags, job.enabled, duration(job.initialDelay),
                    job.handler, job.payload);
        } catch (RuntimeException e) {
            throw unreadable(job, false, e);
        }
    }

    /**
     * Why {@code job}'s row cannot be read, once {@code failure} says it cannot: its columns are read again one by one, in
     * the order of the table (the schedule's first, when {@code withSchedule}), and the first whose value this node does
     * not accept is named, with its value and what is allowed, in the words of the definition's validation under the
     * attribute's name ({@link io.punctual.scheduler.JobAttributes}). Not on the path of a readable row: it runs only
     * after a failure.
     */
    static UnreadableJobException unreadable(JobEntity job, boolean withSchedule, RuntimeException failure) {
        if (failure instanceof UnreadableJobException known) {
            return known;
        }
        try {
            if (withSchedule) {
                checkSchedule(job);
            }
            checkPolicy(job);
            ColumnCheck check = new ColumnCheck(job.id);
            Duration initialDelay = check.value("initial_delay", "initialDelay", job.initialDelay, null, STORED_DURATION,
                    DefinitionMapper::duration);
            check.notNegative("initial_delay", "initialDelay", job.initialDelay, initialDelay);
        } catch (UnreadableJobException e) {
            return e;
        }
        // no column alone is at fault: say what failed, under the row's name
        return new UnreadableJobException(job.id, "(the whole row)", new InvalidJobDefinitionException(job.id, "definition",
                job.schedule.kind + " " + job.schedule.expression, failure.toString(), "a definition this version of Punctual"
                + " writes", failure));
    }

    private static void checkSchedule(JobEntity job) {
        ScheduleColumns c = job.schedule;
        ColumnCheck check = new ColumnCheck(job.id);
        ScheduleKind kind = check.value("schedule_kind", "schedule", c.kind, "an unknown kind of schedule, perhaps"
                + " written by a newer version of Punctual", "one of " + ScheduleKind.allowed(), ScheduleKind::fromWord);
        ZoneId zone = c.zone == null ? null : check.value("schedule_zone", "zone", c.zone, "this JVM's time-zone"
                + " database" + tzdbVersion() + " does not know it", io.punctual.scheduler.JobAttributes.ZONE_ALLOWED, ZoneId::of);
        String word = kind.word();
        Schedule base = switch (kind) {
            case FIXED_RATE -> check.value("schedule_expression", word, c.expression, null, STORED_DURATION,
                    text -> Schedule.fixedRate(duration(text)));
            case FIXED_DELAY -> check.value("schedule_expression", word, c.expression, null, STORED_DURATION,
                    text -> Schedule.fixedDelay(duration(text)));
            case AT -> check.value("schedule_expression", word, c.expression, null, STORED_INSTANT,
                    text -> Schedule.at(instant(text)));
            case CRON -> check.value("schedule_expression", word, c.expression, null, "a cron expression",
                    text -> Schedule.cron(text, zone == null ? ZoneId.systemDefault() : zone));
        };
        Instant end = Micros.toInstant(c.endAt);
        check.value("end_at", "endAt", String.valueOf(end), null, "an instant after startAt",
                text -> WindowedSchedule.of(base, Micros.toInstant(c.startAt), end));
    }

    private static void checkPolicy(JobEntity job) {
        PolicyColumns c = job.policy;
        ColumnCheck check = new ColumnCheck(job.id);
        check.value("misfire", "misfire", c.misfire, null, MisfirePolicy.allowed(), MisfirePolicy::fromWord);
        check.notNegative("misfire_grace", "misfireGrace", c.misfireGrace,
                check.value("misfire_grace", "misfireGrace", c.misfireGrace, null, STORED_DURATION, DefinitionMapper::duration));
        check.atLeast("max_catch_up", "maxCatchUp", c.maxCatchUp, 1);
        check.atLeast("max_instances", "maxInstances", c.maxInstances, 1);
        check.atLeast("retries", "retries", c.retries, 0);
        check.notNegative("retry_backoff", "retryBackoff", c.retryBackoff,
                check.value("retry_backoff", "retryBackoff", c.retryBackoff, null, STORED_DURATION, DefinitionMapper::duration));
        if (c.timeout != null) {
            Duration timeout = check.value("run_timeout", "timeout", c.timeout, null, STORED_DURATION, DefinitionMapper::duration);
            if (timeout.isZero() || timeout.isNegative()) {
                throw check.fails("run_timeout", "timeout", c.timeout, "must be positive", "a positive " + STORED_DURATION);
            }
        }
        check.value("job_scope", "scope", c.scope, null, JobScope.allowed(), JobScope::fromWord);
        check.notNegative("jitter", "jitter", c.jitter,
                check.value("jitter", "jitter", c.jitter, null, STORED_DURATION, DefinitionMapper::duration));
    }

    /** How the store writes durations: what it reads back. */
    private static final String STORED_DURATION = "an ISO-8601 duration as the store writes it, such as PT10S or PT0.5S";
    private static final String STORED_INSTANT = "an ISO-8601 instant as the store writes it, such as 2026-12-24T17:30:00Z";

    /** " (tzdb 2025b)", the version of this JVM's time-zone rules, or nothing when it cannot be told. */
    private static String tzdbVersion() {
        try {
            return " (tzdb " + java.time.zone.ZoneRulesProvider.getVersions("UTC").lastKey() + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Reads one column's value as the definition's validation would, failing with the column's name. */
    private record ColumnCheck(String jobId) {

        <T> T value(String column, String attribute, String value, String reason, String allowed,
                    java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(value);
            } catch (io.punctual.scheduler.InvalidScheduleException e) {
                throw fails(column, attribute, value, e.getMessage(), e.allowed(), e);
            } catch (RuntimeException e) {
                throw fails(column, attribute, value, reason, allowed, e);
            }
        }

        void notNegative(String column, String attribute, String value, Duration parsed) {
            if (parsed.isNegative()) {
                throw fails(column, attribute, value, "must not be negative", STORED_DURATION);
            }
        }

        void atLeast(String column, String attribute, int value, int min) {
            if (value < min) {
                throw fails(column, attribute, String.valueOf(value), null, "an integer of " + min + " or more");
            }
        }

        UnreadableJobException fails(String column, String attribute, String value, String reason, String allowed) {
            return fails(column, attribute, value, reason, allowed, null);
        }

        UnreadableJobException fails(String column, String attribute, String value, String reason, String allowed,
                                     Throwable cause) {
            return new UnreadableJobException(jobId, column,
                    new InvalidJobDefinitionException(jobId, attribute, value, reason, allowed, cause));
        }
    }

    static ScheduleColumns schedule(Schedule schedule) {
        Long startAt = null;
        Long endAt = null;
        Schedule base = schedule;
        if (schedule instanceof WindowedSchedule w) {
            base = w.delegate();
            startAt = Micros.of(w.startAt());
            endAt = Micros.of(w.endAt());
        }
        String zone = base.zone().map(ZoneId::getId).orElse(null);
        String expression;
        if (base instanceof FixedRateSchedule r) {
            expression = r.period().toString();
        } else if (base instanceof FixedDelaySchedule fd) {
            expression = fd.delay().toString();
        } else if (base instanceof OneTimeSchedule o) {
            expression = o.instant().toString();
        } else if (base instanceof CronSchedule c) {
            expression = c.description().substring("cron ".length());
        } else {
            throw new IllegalArgumentException("the JPA store cannot store a schedule of kind '" + base.kind().word() + "' ("
                    + base.getClass().getName() + "); it stores cron, fixedRate, fixedDelay and at schedules");
        }
        return new ScheduleColumns(base.kind().word(), expression, zone, startAt, endAt);
    }

    static Schedule schedule(ScheduleColumns c) {
        Schedule base = switch (kind(c.kind)) {
            case FIXED_RATE -> Schedule.fixedRate(duration(c.expression));
            case FIXED_DELAY -> Schedule.fixedDelay(duration(c.expression));
            case AT -> Schedule.at(instant(c.expression));
            case CRON -> Schedule.cron(c.expression, c.zone == null ? ZoneId.systemDefault() : ZoneId.of(c.zone));
        };
        return WindowedSchedule.of(base, Micros.toInstant(c.startAt), Micros.toInstant(c.endAt));
    }

    /** The kind spelled {@code word} in the {@code schedule_kind} column. */
    private static ScheduleKind kind(String word) {
        try {
            return ScheduleKind.fromWord(word);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the store holds a job of " + e.getMessage(), e);
        }
    }

    static PolicyColumns policy(JobPolicy p) {
        PolicyColumns c = new PolicyColumns();
        c.misfire = p.misfire().word();
        c.misfireGrace = p.misfireGrace().toString();
        c.coalesce = p.coalesce();
        c.maxCatchUp = p.maxCatchUp();
        c.maxInstances = p.maxInstances();
        c.retries = p.retries();
        c.retryBackoff = p.retryBackoff().toString();
        c.timeout = p.timeout() == null ? null : p.timeout().toString();
        c.scope = p.scope().word();
        c.priority = p.priority();
        c.jitter = p.jitter().toString();
        return c;
    }

    static JobPolicy policy(PolicyColumns c) {
        return new JobPolicy(MisfirePolicy.fromWord(c.misfire), duration(c.misfireGrace), c.coalesce, c.maxCatchUp,
                c.maxInstances, c.retries, duration(c.retryBackoff), c.timeout == null ? null : duration(c.timeout),
                JobScope.fromWord(c.scope), c.priority, duration(c.jitter));
    }

    /*
     * Every claim reads its jobs' definitions back from their columns: in S1's drain (one-time jobs) parsing the instant
     * and the policy's four durations took about a tenth of the claiming thread's time. Durations repeat (most jobs
     * keep the defaults), so the parsed ones are kept; instants are read without a formatter when written as
     * Instant.toString writes them.
     */
    private static final int KEPT_DURATIONS = 1_000;
    private static final java.util.Map<String, Duration> DURATIONS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int[] SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /** {@link Duration#parse}, the text's first {@value #KEPT_DURATIONS} results kept. */
    static Duration duration(String text) {
        Duration d = DURATIONS.get(text);
        if (d == null) {
            d = Duration.parse(text);
            if (DURATIONS.size() < KEPT_DURATIONS) {
                DURATIONS.put(text, d);
            }
        }
        return d;
    }

    /**
     * {@link Instant#parse}, without its formatter for {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} (years 0000 to 9999, up to
     * nine digits of fraction: what {@link Instant#toString} writes); anything else, valid or not, goes to {@link Instant#parse}.
     */
    static Instant instant(String text) {
        int n = text.length();
        if (n >= 20 && n <= 30 && n != 21 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z' && (n == 20 || text.charAt(19) == '.')) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int fraction = n == 20 ? 0 : digits(text, 20, n - 1);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour < 24 && minute >= 0 && second >= 0 && second < 60
                    && fraction >= 0) {
                int nanos = n == 20 ? 0 : fraction * SCALE[n - 22];
                try {
                    return java.time.LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(java.time.ZoneOffset.UTC);
                } catch (java.time.DateTimeException e) {
                    // not a date (e.g. February 30th): Instant.parse says so in its words
                }
            }
        }
        return Instant.parse(text);
    }

    /** The number written in {@code text} from {@code from} to {@code to} (at most 9 digits), or -1 if it is not all digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
