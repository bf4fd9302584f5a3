package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How many fires a node claims: as many as its free workers, plus its queue. Fires beyond the workers wait in flight, in
 * the node's queue, and run as workers free up. On a test's clock the queue is its capacity (default none); on real time
 * it is what recent run times allow, up to its capacity (default 128 per thread): see {@link Slots}.
 */
class QueueCapacityTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");
    private static final int JOBS = 5;

    private final MutableClock clock = MutableClock.at(START);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger started = new AtomicInteger();
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();
    private ManualScheduler manual;

    @AfterEach
    void close() {
        release.countDown();
        if (manual != null) {
            manual.close();
        }
    }

    /** One worker and {@code queue} places; {@link #JOBS} jobs due at once, each holding its worker until released. */
    private void herd(int queue, JobPolicy policy, String... ids) {
        manual = ManualScheduler.create(JobScheduler.builder().clock(clock).threads(1).queueCapacity(queue));
        for (String id : ids) {
            manual.scheduler().register(JobDefinition.of(id, Schedule.at(START.plusSeconds(5))).withPolicy(policy), ctx -> {
                started.incrementAndGet();
                runs.merge(ctx.jobId(), 1, Integer::sum);
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            });
        }
        clock.advance(Duration.ofSeconds(5));
    }

    private static String[] ids() {
        String[] ids = new String[JOBS];
        for (int i = 0; i < JOBS; i++) {
            ids[i] = "job-" + i;
        }
        return ids;
    }

    private int inFlight() {
        return manual.scheduler().jobs().stream().mapToInt(JobInfo::running).sum();
    }

    @Test
    void withoutAQueueANodeClaimsOnlyWhatItsFreeWorkersStart() {
        herd(0, JobPolicy.defaults(), ids());

        manual.tick();

        assertThat(inFlight()).as("fires claimed").isEqualTo(1);
        assertThat(started).hasValue(1);
    }

    @Test
    void aNodeClaimsUpToItsQueueCapacityBeyondItsFreeWorkersAndRunsThemAsWorkersFreeUp() {
        herd(2, JobPolicy.defaults(), ids());

        manual.tick();

        assertThat(inFlight()).as("fires claimed: one running, two queued").isEqualTo(3);
        assertThat(started).as("runs started: one worker").hasValue(1);

        release.countDown();
        manual.runDue();

        assertThat(runs).hasSize(JOBS).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(inFlight()).isZero();
        for (String id : ids()) {
            assertThat(manual.scheduler().history(id, 10)).extracting(r -> r.outcome()).containsExactly(Outcome.SUCCESS);
        }
    }

    @Test
    void aQueuedFireCountsAgainstItsJobsMaxInstances() {
        // a fixed rate of one second whose runs last until released: with max-instances 1 and a queue, the next fire
        // is not claimed while the first waits or runs
        manual = ManualScheduler.create(JobScheduler.builder().clock(clock).threads(1).queueCapacity(4));
        manual.scheduler().register(JobDefinition.of("busy", Schedule.at(START)), ctx -> {
            started.incrementAndGet();
            release.await(30, TimeUnit.SECONDS);
        });
        manual.scheduler().register(JobDefinition.of("rate", Schedule.fixedRate(Duration.ofSeconds(1)))
                .withPolicy(JobPolicy.defaults().withMaxInstances(1)), ctx -> runs.merge(ctx.jobId(), 1, Integer::sum));

        manual.tick();
        clock.advance(Duration.ofSeconds(3));
        manual.tick();

        assertThat(manual.scheduler().job("rate").orElseThrow().running()).as("the rate's fires in flight").isEqualTo(1);
        assertThat(runs).isEmpty();
        List<JobInfo> jobs = manual.scheduler().jobs();
        assertThat(jobs).extracting(JobInfo::running).containsExactlyInAnyOrder(1, 1);
    }

    @Test
    void aStopLetsAQueuedFireStartAndRunWithinTheShutdownAwait() throws Exception {
        CountDownLatch secondRan = new CountDownLatch(1);
        try (JobScheduler scheduler = JobScheduler.builder().threads(1).queueCapacity(1)
                .shutdownAwait(Duration.ofSeconds(30)).build()) {
            ranQuickly(scheduler); // on real time the queue is what recent run times allow: none before a run ended
            scheduler.register(JobDefinition.of("first", Schedule.at(Instant.now())), ctx -> {
                started.incrementAndGet();
                release.await(30, TimeUnit.SECONDS);
            });
            scheduler.register(JobDefinition.of("second", Schedule.at(Instant.now())), ctx -> secondRan.countDown());
            scheduler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> started.get() == 1
                    && scheduler.jobs().stream().mapToInt(JobInfo::running).sum() == 2);

            Thread stopping = new Thread(scheduler::stop, "stopping");
            stopping.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> scheduler.info().state() == io.punctual.scheduler.SchedulerState.STOPPING);
            release.countDown(); // the first run ends during the stop's await: the queued second takes its worker
            stopping.join(TimeUnit.SECONDS.toMillis(30));

            assertThat(secondRan.getCount()).as("the queued fire ran").isZero();
            assertThat(scheduler.history("second", 10)).extracting(r -> r.outcome()).containsExactly(Outcome.SUCCESS);
            assertThat(scheduler.history("first", 10)).extracting(r -> r.outcome()).containsExactly(Outcome.SUCCESS);
        }
    }

    /** On real time: one quick run, so that the node knows its runs end within microseconds. */
    private static void ranQuickly(JobScheduler scheduler) {
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.register(JobDefinition.of("quick", Schedule.at(Instant.now())), ctx -> ran.countDown());
        scheduler.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> ran.getCount() == 0
                && scheduler.history("quick", 1).size() == 1);
    }

    private static int inFlight(JobScheduler scheduler) {
        return scheduler.jobs().stream().mapToInt(JobInfo::running).sum();
    }

    /** {@code count} one-time jobs due now, each holding its worker until {@code gate} opens. */
    private static void held(JobScheduler scheduler, String prefix, int count, CountDownLatch gate) {
        for (int i = 0; i < count; i++) {
            scheduler.register(JobDefinition.of(prefix + i, Schedule.at(Instant.now())), ctx -> {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            });
        }
    }

    @Test
    void onRealTimeAfterQuickRunsANodeQueuesItsCapacityAndAfterLongRunsNone() throws Exception {
        // a capacity of 7: the rule's 20 ms hold 7 runs of up to 2.8 ms, which a quick run stays within even on a slow
        // machine (the default, 128 per thread, would ask runs of 0.15 ms of it)
        try (JobScheduler scheduler = JobScheduler.builder().threads(1).queueCapacity(7).build()) {
            ranQuickly(scheduler);

            CountDownLatch first = new CountDownLatch(1);
            held(scheduler, "short-", 10, first);
            // the last run took microseconds: one thread, and 7 queued (its capacity)
            await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(scheduler) == 8);
            // while the run holding the worker is held, the queue stays full; released after 200 ms or more, that run
            // is long, and the estimate follows it at once
            await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(20)).until(() -> inFlight(scheduler) == 8);
            first.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(scheduler) == 0);

            CountDownLatch second = new CountDownLatch(1);
            held(scheduler, "long-", 3, second);
            // a run of 200 ms or more fills 20 ms ten times over: the node claims only for its one thread
            await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(scheduler) == 1);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> inFlight(scheduler) == 1);
            second.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(scheduler) == 0
                    && scheduler.history("long-2", 1).size() == 1);
        }
    }

    @Test
    void onRealTimeNothingIsQueuedBeforeARunHasEnded() {
        CountDownLatch gate = new CountDownLatch(1);
        try (JobScheduler scheduler = JobScheduler.builder().threads(1).queueCapacity(4).build()) {
            held(scheduler, "held-", 3, gate);
            scheduler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(scheduler) == 1);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> inFlight(scheduler) == 1);
        } finally {
            gate.countDown();
        }
    }
}
