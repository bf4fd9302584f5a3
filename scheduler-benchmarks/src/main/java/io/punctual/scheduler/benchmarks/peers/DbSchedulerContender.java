package io.punctual.scheduler.benchmarks.peers;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.PlainScheduleAndData;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTaskWithPersistentSchedule;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * db-scheduler 16: the contender's pool, 8 threads, polling every 100 ms, either {@code fetch}
 * (fetch-and-lock-on-execute, db-scheduler's default strategy) or {@code lock-and-fetch}; heartbeat every 2 s,
 * dead after 5 missed (10 s; S5 sets {@code -Dbench.detect}). One-time jobs are instances of one
 * one-time task; crons are instances of a recurring task with a persistent schedule.
 */
final class DbSchedulerContender implements Contender {

    static final Duration POLLING = Duration.ofMillis(100);
    /** Dead-node detection in seconds (heartbeat a fifth of it, 5 missed): 10 unless S5 says otherwise. */
    static final int DETECT_SECONDS = Integer.getInteger("bench.detect", 10);

    private final boolean lockAndFetch;
    /**
     * Lock-and-fetch's limits as fractions of its threads: a fetch when fewer than lower × threads are queued, of up to
     * upper × threads. 0.5 and 1.0 are db-scheduler's "normal usage" (it claims no more than its threads, as Punctual
     * does by default); its README suggests 1.0 and 4.0 for high throughput.
     */
    private final double lower;
    private final double upper;
    private Scheduler scheduler;
    private OneTimeTask<Void> once;
    private RecurringTaskWithPersistentSchedule<PlainScheduleAndData> cron;

    DbSchedulerContender(boolean lockAndFetch) {
        this(lockAndFetch, 0.5, 1.0);
    }

    DbSchedulerContender(boolean lockAndFetch, double lower, double upper) {
        this.lockAndFetch = lockAndFetch;
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public void open(Db db, Recorder recorder) throws Exception {
        DbSchedulerSchema.create(db);
        once = Tasks.oneTime("bench-once").execute((instance, ctx) -> recorder.fired(instance.getId()));
        cron = Tasks.recurringWithPersistentSchedule("bench-cron", PlainScheduleAndData.class)
                .execute((instance, ctx) -> recorder.firedCron(instance.getId(), ctx.getExecution().executionTime));
        var builder = Scheduler.create(db.dataSource(), once, cron)
                .threads(THREADS)
                .pollingInterval(POLLING)
                .heartbeatInterval(Duration.ofMillis(Math.max(200, DETECT_SECONDS * 200)))
                .missedHeartbeatsLimit(5)
                .shutdownMaxWait(Duration.ofSeconds(5));
        scheduler = (lockAndFetch ? builder.pollUsingLockAndFetch(lower, upper)
                : builder.pollUsingFetchAndLockOnExecute(0.5, 3.0)).build();
    }

    @Override
    public void start() {
        scheduler.start();
    }

    /** db-scheduler's own pause: it stops fetching due executions; {@link #resume} fetches again. */
    @Override
    public void pause() {
        scheduler.pause();
    }

    @Override
    public void resume() {
        scheduler.resume();
    }

    @Override
    public void scheduleOneTime(String id, Instant due) {
        scheduler.schedule(once.instance(id), due);
    }

    @Override
    public void scheduleCron(String id, int everySeconds) {
        String expression = Contender.secondsField(everySeconds, "*/") + " * * * * *";
        scheduler.schedule(cron.schedulableInstance(id, new PlainScheduleAndData(Schedules.cron(expression, ZoneOffset.UTC))));
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }
}
