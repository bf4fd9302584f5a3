package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.boot.observation.JobRunInstrumentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Hands the discovered jobs to the scheduler and starts it once the context is refreshed, as the last
 * lifecycle bean to start; stops it first on close, with the graceful shutdown of SPEC §3. Each job's and
 * handler's code is wrapped by the {@link JobRunInstrumentation}: an observation and the MDC around every run.
 *
 * <p>{@code context.stop()} stops the scheduler ({@link JobScheduler#stop()}) and {@code context.start()} starts it
 * again: Spring Framework 7 does that to a cached test context it pauses while another is used, and resumes when a
 * test uses it again. The jobs and handlers were handed over at the first start and stay, so a start again hands
 * nothing over twice. The scheduler ends for good ({@link JobScheduler#close()}) when the context closes, as its
 * bean is destroyed.
 */
class PunctualLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PunctualLifecycle.class);

    private final JobScheduler scheduler;
    private final ScheduledJobRegistrar registrar;
    private final JobRunInstrumentation instrumentation;
    private final String storeChoice;
    private final Clock clock;
    private final KeepAlive keepAlive = new KeepAlive();
    private volatile boolean running;
    private volatile boolean stopping;
    /** Whether the first start handed the jobs and handlers over: a start after a stop only starts the scheduler. */
    private boolean handedOver;
    /** Whether the application has jobs to run, as the first start found: then {@link KeepAlive} keeps the JVM up. */
    private boolean keepUp;

    PunctualLifecycle(JobScheduler scheduler, ScheduledJobRegistrar registrar, JobRunInstrumentation instrumentation,
                      String storeChoice, Clock clock) {
        this.scheduler = scheduler;
        this.registrar = registrar;
        this.instrumentation = instrumentation;
        this.storeChoice = storeChoice;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        stopping = false;
        if (handedOver) {
            scheduler.start();
            running = true;
            log.info("Punctual started again on node '{}' with store '{}'", scheduler.info().node(), scheduler.info().store());
        } else {
            startFirst();
            handedOver = true;
        }
        if (keepUp) {
            keepAlive.start(); // like @Scheduled: a non-web application stays up while it has jobs to run
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void startFirst() {
        registrar.handlers().forEach(h -> scheduler.registerHandler(h.name(), (Class) h.payloadType(),
                instrumentation.observe(h.name(), h.asPayloadJob(), this::isStopping)));
        Set<String> declared = new HashSet<>();
        List<JobInfo> registered = new ArrayList<>();
        for (DiscoveredJob job : registrar.jobs()) {
            registered.add(scheduler.register(job.definition(), instrumentation.observe(job.job(), this::isStopping)));
            declared.add(job.definition().id());
        }
        List<String> orphans = scheduler.markOrphans(declared);
        if (!orphans.isEmpty()) {
            log.warn("Jobs no longer declared by this application are kept as orphaned and never fired: {}", orphans);
        }
        scheduler.start();
        running = true;
        log.info(storeChoice);
        Map<String, Long> dynamic = scheduler.dynamicJobsByHandler();
        logJobs(registered, dynamic);
        Instant now = clock.instant();
        StartupWarnings.oneTimeJobsInThePast(registered, now);
        StartupWarnings.jobsEndedBeforeStartUp(registered, now);
        keepUp = !registered.isEmpty() || !registrar.handlers().isEmpty() || !dynamic.isEmpty();
    }

    /**
     * The jobs declared in code, one line each, and the dynamic ones counted by handler: a store with many dynamic
     * jobs costs one grouped count here, not a listing of every job on the main thread.
     */
    private void logJobs(List<JobInfo> jobs, Map<String, Long> dynamic) {
        List<JobInfo> sorted = jobs.stream().sorted(Comparator.comparing(JobInfo::id)).toList();
        int width = sorted.stream().mapToInt(j -> j.id().length()).max().orElse(0);
        String lines = sorted.stream().map(job -> "\n  " + describe(job, width)).collect(Collectors.joining());
        String dynamicLine = dynamic.isEmpty() ? "" : "\n  and " + dynamic.values().stream().mapToLong(Long::longValue).sum()
                + " dynamic job(s) by handler: " + new TreeMap<>(dynamic);
        log.info("Punctual started on node '{}' with store '{}', {} job(s) declared in code:{}{}", scheduler.info().node(),
                scheduler.info().store(), sorted.size(), lines, dynamicLine);
    }

    /** One line per job: id, schedule, zone, state, next fire time, then every policy that applies. */
    private static String describe(JobInfo job, int width) {
        var p = job.definition().policy();
        return String.format("%-" + Math.max(width, 1) + "s  [%s]  zone=%s state=%s next=%s  misfire=%s grace=%s coalesce=%s"
                        + " max-instances=%d retries=%d%s%s scope=%s%s%s",
                job.id(), job.schedule(), job.zone() == null ? "-" : job.zone(), job.state().word(), job.nextFireTime(),
                p.misfire().word(), p.misfireGrace(), p.coalesce(), p.maxInstances(), p.retries(),
                p.retries() > 0 ? " retry-backoff=" + p.retryBackoff() : "",
                p.timeout() == null ? "" : " timeout=" + p.timeout(), p.scope().word(),
                p.jitter() == null || p.jitter().isZero() ? "" : " jitter=" + p.jitter(),
                job.tags().isEmpty() ? "" : " tags=" + job.tags().stream().sorted().toList());
    }

    /** Stops the scheduler, which can start again; the context's close ends it for good (the bean's destroy method). */
    @Override
    public synchronized void stop() {
        stopping = true;
        ShutdownReport report = ShutdownReport.before(scheduler);
        scheduler.stop();
        running = false;
        log.info(report.after(scheduler));
        keepAlive.stop();
    }

    private boolean isStopping() {
        return stopping;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
