package io.punctual.scheduler.benchmarks.peers;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Punctual as users get it: {@link PunctualBenchApp} with the JPA store on the contender's database (Hikari,
 * 10 connections) or the memory store; one-time jobs through {@link JobScheduler#schedule}, crons as
 * {@link JobDefinition}s registered on the running scheduler. Extra {@code punctual.*} properties can be passed
 * as system properties {@code bench.punctual.*} (e.g. {@code -Dbench.punctual.cluster.poll-interval=200ms}).
 */
final class PunctualContender implements Contender {

    static final String HANDLER = "bench";
    /** Set to 1 by S5 (for its inserter and its nodes) so that a run lost with its node runs again. */
    static final String RETRIES = "bench.retries";

    private final boolean jpa;
    /** {@code punctual.executor.queue-capacity}: null for Punctual's default (7 per thread, as run times allow), or as set. */
    private final Integer queueCapacity;
    /** Punctual's defaults, with {@value #RETRIES} retries when that system property is set. */
    private final JobPolicy policy = JobPolicy.defaults().withRetries(Integer.getInteger(RETRIES, 0));
    private ConfigurableApplicationContext context;
    private JobScheduler scheduler;
    private Recorder recorder;

    PunctualContender(boolean jpa) {
        this(jpa, null);
    }

    PunctualContender(boolean jpa, Integer queueCapacity) {
        this.jpa = jpa;
        this.queueCapacity = queueCapacity;
    }

    @Override
    public void open(Db db, Recorder recorder) {
        this.recorder = recorder;
        SpringApplication app = new SpringApplication(PunctualBenchApp.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(properties(db));
        context = app.run();
        scheduler = context.getBean(JobScheduler.class);
        scheduler.registerHandler(HANDLER, String.class, (ctx, id) -> recorder.fired(id));
    }

    Map<String, Object> properties(Db db) {
        Map<String, Object> p = new HashMap<>();
        p.put("logging.level.root", "WARN");
        // one line per run interrupted at close would drown the benchmark's output
        p.put("logging.level.io.punctual.scheduler.engine.RunExecutor", "ERROR");
        p.put("punctual.executor.threads", THREADS);
        if (queueCapacity != null) {
            p.put("punctual.executor.queue-capacity", queueCapacity);
        }
        p.put("spring.jpa.hibernate.ddl-auto", "none");
        p.put("spring.jpa.open-in-view", "false");
        if (jpa) {
            p.put("punctual.store", "jpa");
            p.put("punctual.jdbc.initialize-schema", "always");
            p.put("spring.datasource.url", db.url());
            p.put("spring.datasource.username", db.user());
            p.put("spring.datasource.password", db.password());
            p.put("spring.datasource.hikari.maximum-pool-size", Db.POOL);
        } else {
            p.put("punctual.store", "memory");
        }
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.punctual.")) {
                p.put(k.toString().substring("bench.".length()), v);
            }
        });
        return p;
    }

    @Override
    public void start() {
        context.start();
    }

    /** The context's stop: the scheduler stops firing (its runs end first) and keeps its jobs; {@link #resume} starts it again. */
    @Override
    public void pause() {
        context.stop();
    }

    @Override
    public void resume() {
        context.start();
    }

    @Override
    public void scheduleOneTime(String id, Instant due) {
        scheduler.schedule(id, HANDLER, Schedule.at(due), id, policy);
    }

    @Override
    public void scheduleCron(String id, int everySeconds) {
        String cron = Contender.secondsField(everySeconds, "*/") + " * * * * *";
        scheduler.register(JobDefinition.of(id, Schedule.cron(cron, ZoneOffset.UTC)),
                ctx -> recorder.firedCron(id, ctx.scheduledTime()));
    }

    /** The application's own pool (Spring Boot's Hikari), when it has a database. */
    @Override
    public javax.sql.DataSource pool() {
        return context == null ? null : context.getBeanProvider(javax.sql.DataSource.class).getIfAvailable();
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
