package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hands the discovered jobs to the scheduler and starts it once the context is refreshed, as the last
 * lifecycle bean to start; stops it first on close, with the graceful shutdown of SPEC §3.
 */
class PunctualLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PunctualLifecycle.class);

    private final JobScheduler scheduler;
    private final ScheduledJobRegistrar registrar;
    private final String storeChoice;
    private final Clock clock;
    private final KeepAlive keepAlive = new KeepAlive();
    private volatile boolean running;

    PunctualLifecycle(JobScheduler scheduler, ScheduledJobRegistrar registrar, String storeChoice, Clock clock) {
        this.scheduler = scheduler;
        this.registrar = registrar;
        this.storeChoice = storeChoice;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void start() {
        registrar.handlers().forEach(h -> scheduler.registerHandler(h.name(), (Class) h.payloadType(), h.asPayloadJob()));
        Set<String> declared = new HashSet<>();
        List<JobInfo> registered = new ArrayList<>();
        for (DiscoveredJob job : registrar.jobs()) {
            registered.add(scheduler.register(job.definition(), job.job()));
            declared.add(job.definition().id());
        }
        List<String> orphans = scheduler.markOrphans(declared);
        if (!orphans.isEmpty()) {
            log.warn("Jobs no longer declared by this application are kept as orphaned and never fired: {}", orphans);
        }
        scheduler.start();
        running = true;
        log.info(storeChoice);
        logJobs();
        StartupWarnings.oneTimeJobsInThePast(registered, clock.instant());
        if (!registered.isEmpty() || !registrar.handlers().isEmpty() || !scheduler.jobs().isEmpty()) {
            keepAlive.start(); // like @Scheduled: a non-web application stays up while it has jobs to run
        }
    }

    private void logJobs() {
        List<JobInfo> jobs = scheduler.jobs();
        int width = jobs.stream().mapToInt(j -> j.id().length()).max().orElse(0);
        String lines = jobs.stream().map(job -> describe(job, width)).collect(Collectors.joining("\n  "));
        log.info("Punctual started on node '{}' with store '{}', {} job(s):\n  {}", scheduler.info().node(),
                scheduler.info().store(), jobs.size(), lines);
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

    @Override
    public void stop() {
        ShutdownReport report = ShutdownReport.before(scheduler);
        scheduler.close();
        running = false;
        log.info(report.after(scheduler));
        keepAlive.stop();
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
