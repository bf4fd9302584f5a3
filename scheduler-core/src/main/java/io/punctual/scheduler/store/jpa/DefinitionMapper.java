package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScope;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.ScheduleKind;
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

    static JobDefinition read(JobEntity job, Set<String> tags) {
        return new JobDefinition(job.id, schedule(job.schedule), policy(job.policy), tags, job.enabled,
                Duration.parse(job.initialDelay), job.handler, job.payload);
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
