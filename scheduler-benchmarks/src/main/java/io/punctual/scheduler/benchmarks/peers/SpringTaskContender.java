package io.punctual.scheduler.benchmarks.peers;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

import java.time.Instant;
import java.time.ZoneOffset;

/** Spring's {@link ThreadPoolTaskScheduler} with 8 threads: the in-memory floor. It fires as soon as it is opened. */
final class SpringTaskContender implements Contender {

    private ThreadPoolTaskScheduler scheduler;
    private Recorder recorder;

    @Override
    public void open(Db db, Recorder recorder) {
        this.recorder = recorder;
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(THREADS);
        scheduler.setThreadNamePrefix("bench-tpts-");
        scheduler.initialize();
    }

    @Override
    public void start() {
        // running since open
    }

    @Override
    public void scheduleOneTime(String id, Instant due) {
        scheduler.schedule(() -> recorder.fired(id), due);
    }

    @Override
    public void scheduleCron(String id, int everySeconds) {
        String cron = Contender.secondsField(everySeconds, "*/") + " * * * * *";
        CronTrigger trigger = new CronTrigger(cron, ZoneOffset.UTC);
        scheduler.schedule(() -> recorder.firedCron(id, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), trigger);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }
}
