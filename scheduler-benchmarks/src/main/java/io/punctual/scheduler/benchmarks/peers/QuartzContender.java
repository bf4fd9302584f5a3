package io.punctual.scheduler.benchmarks.peers;

import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Quartz 2.5: {@code JobStoreTX} clustered on the contender's database (its pool, misfire threshold 60 s like
 * Punctual's default grace, up to 8 triggers acquired at once, cluster check-in every 5 s, or half of {@code -Dbench.detect} seconds), or {@code RAMJobStore}; 8 threads; one job and one
 * trigger per one-time job; a {@code CronTrigger} per recurring job. Everything else is Quartz's default.
 */
final class QuartzContender implements Contender {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final boolean jdbc;
    private Scheduler scheduler;

    QuartzContender(boolean jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void open(Db db, Recorder recorder) throws Exception {
        Properties p = new Properties();
        // the instance name is the SCHED_NAME of every row: S5's inserter and nodes (other JVMs) must share it
        p.setProperty("org.quartz.scheduler.instanceName", jdbc ? "bench" : "bench-ram-" + INSTANCES.incrementAndGet());
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        if (jdbc) {
            // up to one trigger per worker per acquisition (Quartz's default, 1, drained about 75 jobs/s here); a batch
            // fires when its first trigger is due, so the others can start early: the early-fire column shows it
            p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(THREADS));
            QuartzSchema.create(db);
            String source = QuartzConnections.register(db.dataSource());
            p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            p.setProperty("org.quartz.jobStore.driverDelegateClass", db.kind() == Db.Kind.POSTGRES
                    ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
            p.setProperty("org.quartz.jobStore.isClustered", "true");
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(Integer.getInteger("bench.detect", 10) * 500));
            p.setProperty("org.quartz.jobStore.dataSource", source);
            p.setProperty("org.quartz.dataSource." + source + ".connectionProvider.class", QuartzConnections.class.getName());
            p.setProperty("org.quartz.dataSource." + source + ".name", source);
        } else {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        }
        scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.getContext().put("recorder", recorder);
    }

    @Override
    public void start() throws SchedulerException {
        scheduler.start();
    }

    /** Quartz's stand-by mode: no trigger fires until it starts again. */
    @Override
    public void pause() throws SchedulerException {
        scheduler.standby();
    }

    @Override
    public void resume() throws SchedulerException {
        scheduler.start();
    }

    @Override
    public void scheduleOneTime(String id, Instant due) throws SchedulerException {
        scheduler.scheduleJob(JobBuilder.newJob(OneTime.class).withIdentity(id).requestRecovery().build(),
                TriggerBuilder.newTrigger().withIdentity(id).startAt(Date.from(due))
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build());
    }

    @Override
    public void scheduleCron(String id, int everySeconds) throws SchedulerException {
        String cron = Contender.secondsField(everySeconds, "0/") + " * * * * ?";
        scheduler.scheduleJob(JobBuilder.newJob(Cron.class).withIdentity(id).build(),
                TriggerBuilder.newTrigger().withIdentity(id)
                        .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("UTC"))).build());
    }

    @Override
    public void close() throws SchedulerException {
        if (scheduler != null) {
            scheduler.shutdown(true);
            scheduler = null;
        }
    }

    private static Recorder recorder(JobExecutionContext context) throws JobExecutionException {
        try {
            return (Recorder) context.getScheduler().getContext().get("recorder");
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }

    /** The one-time job: records its start against the due time the scenario noted. */
    public static final class OneTime implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            recorder(context).fired(context.getJobDetail().getKey().getName());
        }
    }

    /** The recurring job: records its start against the fire time Quartz scheduled. */
    public static final class Cron implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            recorder(context).firedCron(context.getJobDetail().getKey().getName(), context.getScheduledFireTime().toInstant());
        }
    }
}
