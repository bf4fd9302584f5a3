package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.annotation.ScheduledJob;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Jobs the dashboard tests look at. */
public class DashboardTestJobs {

    public static final String NEVER = "0 0 0 1 1 *";
    public static final String XSS_ID = "<script>alert('id')</script>";
    public static final String XSS_ERROR = "<img src=x onerror=alert('error')>";
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    public static int runs(String id) {
        return RUNS.getOrDefault(id, new AtomicInteger()).get();
    }

    private static void ran(String id) {
        RUNS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    @ScheduledJob(id = "report", cron = "0 0 7 * * *", zone = "Europe/Berlin", tags = "reports")
    public void report() {
        ran("report");
    }

    @ScheduledJob(id = "poller", fixedRate = "1h", initialDelay = "1h", tags = {"io", "net"}, retries = "2", timeout = "30s")
    public void poller() {
        ran("poller");
    }

    @ScheduledJob(id = "counter", cron = NEVER, tags = "io")
    public void counter() {
        ran("counter");
    }

    @ScheduledJob(id = "broken", cron = NEVER)
    public void broken() {
        throw new IllegalStateException(XSS_ERROR);
    }

    /**
     * A job whose id and tag are markup. Ids declared with {@code @ScheduledJob} are checked at start-up, so it is
     * registered in code once the application is ready (as a library or an old database could hold it): the page
     * must escape whatever a store holds.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void registerScripted(org.springframework.boot.context.event.ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(io.punctual.scheduler.JobScheduler.class).register(
                io.punctual.scheduler.JobDefinition.of(XSS_ID, io.punctual.scheduler.Schedule.cron(NEVER, java.time.ZoneOffset.UTC))
                        .withTags(java.util.Set.of("<b>bold</b>")),
                context -> ran(XSS_ID));
    }

    @ScheduledJob(id = "ticker", fixedRate = "300ms", tags = "fast")
    public void ticker() {
        ran("ticker");
    }

    @ScheduledJob(id = "off", cron = NEVER, enabled = "false")
    public void off() {
    }
}
