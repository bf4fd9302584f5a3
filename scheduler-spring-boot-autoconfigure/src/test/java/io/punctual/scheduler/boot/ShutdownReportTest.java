package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
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

    /** The line after a stop with two runs stuck, when the report looks up at most {@code lookedUpAtMost}. */
    private static String lineAfterStop(int lookedUpAtMost) {
        CountDownLatch never = new CountDownLatch(1);
        try (JobScheduler scheduler = twoStuckRuns(never)) {
            ShutdownReport report = ShutdownReport.before(scheduler, lookedUpAtMost);
            scheduler.stop();
            return report.after(scheduler);
        } finally {
            never.countDown();
        }
    }

    @Test
    void withNoMoreRunsInFlightThanItLooksUpTheLineNamesTheInterruptedJobs() {
        assertThat(lineAfterStop(2)).endsWith("; 2 run(s) were in flight, 2 interrupted and recorded as interrupted:"
                + " [stuck-a, stuck-b]");
    }

    @Test
    void withMoreRunsInFlightThanItLooksUpTheLineGivesTheirNumberAndWhereToLook() {
        assertThat(lineAfterStop(1)).endsWith("; 2 run(s) were in flight, too many to tell which were interrupted"
                + " (more than 1 runs or jobs running): each job's history records those as interrupted");
    }

    @Test
    void withMoreJobsRunningInTheStoreThanItLooksUpTheLineGivesTheNumberOfThisNodesRunsOnly() {
        // two nodes on one store: the other node's two stuck runs count as jobs running in the store
        CountDownLatch never = new CountDownLatch(1);
        io.punctual.scheduler.store.memory.InMemoryJobStore store = new io.punctual.scheduler.store.memory.InMemoryJobStore();
        try (JobScheduler other = JobScheduler.builder().store(store).nodeId("other").threads(2).build();
             JobScheduler self = JobScheduler.builder().store(store).nodeId("self").threads(1)
                     .shutdownAwait(Duration.ofMillis(100)).build()) {
            for (String id : new String[]{"other-a", "other-b"}) {
                other.register(JobDefinition.of(id, Schedule.at(Instant.now())), ctx -> never.await(30, TimeUnit.SECONDS));
            }
            other.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> other.info().runningOnThisNode() == 2);
            self.register(JobDefinition.of("self-a", Schedule.at(Instant.now())), ctx -> never.await(30, TimeUnit.SECONDS));
            self.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> self.info().runningOnThisNode() == 1);

            ShutdownReport report = ShutdownReport.before(self, 2);
            self.stop();

            assertThat(report.after(self)).endsWith("; 1 run(s) were in flight, too many to tell which were"
                    + " interrupted (more than 2 runs or jobs running): each job's history records those as interrupted");
        } finally {
            never.countDown();
        }
    }
}
