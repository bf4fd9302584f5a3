package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "Punctual stopped" line names the interrupted jobs by reading each running job's history before and after the
 * stop; with more runs in flight than it looks up, it gives their number only, and reads no history.
 */
class ShutdownReportTest {

    private static JobScheduler twoStuckRuns(CountDownLatch never) {
        JobScheduler scheduler = JobScheduler.builder().threads(2).shutdownAwait(Duration.ofMillis(100)).build();
        for (String id : new String[]{"stuck-a", "stuck-b"}) {
            scheduler.register(JobDefinition.of(id, Schedule.at(Instant.now())), ctx -> never.await(30, TimeUnit.SECONDS));
        }
        scheduler.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.info().runningOnThisNode() == 2);
        return scheduler;
    }

    @Test
    void withNoMoreRunsInFlightThanItLooksUpTheLineNamesTheInterruptedJobs() {
        CountDownLatch never = new CountDownLatch(1);
        try (JobScheduler scheduler = twoStuckRuns(never)) {
            ShutdownReport report = ShutdownReport.before(scheduler, 2);
            scheduler.stop();

            assertThat(report.after(scheduler)).endsWith("; 2 run(s) were in flight, 2 interrupted and recorded as"
                    + " interrupted: [stuck-a, stuck-b]");
        } finally {
            never.countDown();
        }
    }

    @Test
    void withMoreRunsInFlightThanItLooksUpTheLineGivesTheirNumberAndWhereToLook() {
        CountDownLatch never = new CountDownLatch(1);
        try (JobScheduler scheduler = twoStuckRuns(never)) {
            ShutdownReport report = ShutdownReport.before(scheduler, 1);
            scheduler.stop();

            assertThat(report.after(scheduler)).endsWith("; 2 run(s) were in flight, too many to tell which were"
                    + " interrupted (more than 1): each job's history records those as interrupted");
            assertThat(scheduler.history("stuck-a", 5)).extracting(r -> r.outcome()).containsExactly(Outcome.INTERRUPTED);
        } finally {
            never.countDown();
        }
    }
}
