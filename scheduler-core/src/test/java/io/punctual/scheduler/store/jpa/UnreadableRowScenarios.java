package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.UnreadableJobException;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.LogCapture;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.JobRecord;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.PendingFire;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A job row this node cannot read, made so by SQL as a hand edit, a time-zone database without the zone, or a newer
 * version of Punctual during a rolling upgrade would make it. Nothing the store does may fail as a whole for that one
 * row: the node's other jobs keep firing, listings list it, a save repairs it, lost-node recovery and the history purge
 * go on, and the bad value stays in the row. Run on each database by {@link JpaJobStoreTestBase}.
 */
final class UnreadableRowScenarios {

    static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    /** What makes the job {@code bad} unreadable: one column set to a value this node cannot read. */
    enum Corruption {
        CRON("schedule_expression", "not a cron"),
        ZONE("schedule_zone", "Mars/Olympus"),
        KIND("schedule_kind", "LUNAR"),
        MISFIRE("misfire", "MAYBE");

        final String column;
        final String value;

        Corruption(String column, String value) {
            this.column = column;
            this.value = value;
        }

        void apply(JpaTestDatabase database, String jobId) throws SQLException {
            set(database, jobId, column, value);
        }
    }

    private UnreadableRowScenarios() {
    }

    /** The job made unreadable: a cron every ten seconds in a zone (so that its row has one), with a retry and tags. */
    static JobDefinition bad() {
        return JobDefinition.of("bad", Schedule.cron("*/10 * * * * *", ZoneOffset.UTC))
                .withPolicy(JobPolicy.defaults().withRetries(1)).withTags(java.util.Set.of("reports", "daily"));
    }

    /**
     * The engine on a manual clock, with {@code threads} workers, for a minute: the job {@code bad} (due at the same
     * times as {@code steady} and sorting first, with a trigger waiting) is made unreadable before the first pass. The
     * other job fires at each of its due times, one ERROR names the job, the column and the value (none says the store is
     * unreachable), the bad value and the trigger stay in the store, and once the job is declared again it fires again,
     * its trigger included.
     */
    static void anotherJobKeepsFiring(JpaTestDatabase database, Supplier<JobStore> freshStore, Corruption corruption, int threads)
            throws Exception {
        JobStore store = freshStore.get();
        MutableClock clock = MutableClock.at(START);
        AtomicInteger steadyRuns = new AtomicInteger();
        AtomicInteger badRuns = new AtomicInteger();
        try (LogCapture capture = LogCapture.start();
             ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1").store(store)
                     .threads(threads))) {
            JobScheduler s = manual.scheduler();
            s.register(bad(), ctx -> badRuns.incrementAndGet());
            s.register(JobDefinition.of("steady", Schedule.fixedRate(Duration.ofSeconds(10))), ctx -> steadyRuns.incrementAndGet());
            s.trigger("bad");
            corruption.apply(database, "bad");

            for (int second = 0; second <= 60; second += 10) {
                clock.setInstant(START.plusSeconds(second));
                for (int pass = 0; pass < 3; pass++) {
                    manual.tick();
                }
            }

            assertThat(steadyRuns.get()).as("the other job fired at each of its due times").isEqualTo(7);
            assertThat(badRuns.get()).isZero();
            assertThat(value(database, "bad", corruption.column)).as("the bad value is kept").isEqualTo(corruption.value);
            assertThat(pendingFires(database, "bad")).as("the trigger waits").isEqualTo(1);
            assertThat(s.history("bad", 10)).isEmpty();
            List<String> errors = capture.lines("ERROR");
            assertThat(errors).as(capture.text()).noneMatch(l -> l.contains("unreachable"));
            assertThat(errors).as(capture.text()).filteredOn(l -> l.contains("'bad'")).singleElement()
                    .satisfies(l -> assertThat(l).contains(corruption.column).contains(corruption.value));

            s.register(bad(), ctx -> badRuns.incrementAndGet()); // declared again, as a restart does
            for (int second = 70; second <= 80; second += 10) {
                clock.setInstant(START.plusSeconds(second));
                for (int pass = 0; pass < 3; pass++) {
                    manual.tick();
                }
            }
            assertThat(value(database, "bad", corruption.column)).isNotEqualTo(corruption.value);
            assertThat(s.history("bad", 10)).extracting(ExecutionRecord::outcome).as("its trigger and its schedule")
                    .contains(Outcome.SUCCESS);
            assertThat(badRuns.get()).isGreaterThanOrEqualTo(2);
            assertThat(pendingFires(database, "bad")).isZero();
            assertThat(steadyRuns.get()).isEqualTo(9);
        }
    }

    /**
     * On the real clock, with the loop thread and one worker: the other job keeps firing, and the unreadable job, due all
     * along, does not keep the loop claiming (its due time no longer counts): a few claims per run of the other job, not
     * thousands a second.
     */
    static void onTheRealClock(JpaTestDatabase database, JobStore store, Corruption corruption) throws Exception {
        AtomicInteger steadyRuns = new AtomicInteger();
        try (LogCapture capture = LogCapture.start();
             JobScheduler s = JobScheduler.builder().nodeId("n1").store(store).threads(1).pollInterval(Duration.ofMillis(500))
                     .build()) {
            s.register(JobDefinition.of("bad", Schedule.fixedRate(Duration.ofMillis(20))), ctx -> { });
            s.register(JobDefinition.of("steady", Schedule.fixedRate(Duration.ofMillis(100))), ctx -> steadyRuns.incrementAndGet());
            if (corruption == Corruption.CRON) {
                set(database, "bad", "schedule_kind", "cron"); // a fixed rate read as a cron: its expression is no cron
            } else {
                corruption.apply(database, "bad");
            }
            s.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> steadyRuns.get() >= 2);
            int claimsBefore = claims();
            int runsBefore = steadyRuns.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> steadyRuns.get() >= runsBefore + 10);
            int claims = claims() - claimsBefore;
            int runs = steadyRuns.get() - runsBefore;

            assertThat(claims).as("claims for %s runs of the other job", runs).isLessThan(10 * runs);
            assertThat(capture.lines("ERROR")).as(capture.text()).noneMatch(l -> l.contains("unreachable"))
                    .filteredOn(l -> l.contains("'bad'")).hasSize(1);
            assertThat(s.job("bad").orElseThrow().state()).isEqualTo(JobState.UNREADABLE);
            assertThat(s.history("bad", 10)).isEmpty();
        }
        assertThat(RefusedOutcomeScenarios.runsInFlight(database)).isZero();
    }

    /** How many claims the store's connections have prepared so far. */
    private static int claims() {
        return (int) JpaTestDatabase.STATEMENTS.stream().map(String::toLowerCase)
                .filter(sql -> sql.contains("claim_due") && sql.contains("skip locked")).count();
    }

    /** Listing and finding jobs, and saving the unreadable one again (the upsert of jobs declared in code at start-up). */
    static void listingAndSavingAgain(JpaTestDatabase database, JobStore store, Corruption corruption) throws Exception {
        store.save(bad(), START);
        store.save(JobDefinition.of("other", Schedule.fixedRate(Duration.ofSeconds(10))), START);
        corruption.apply(database, "bad");

        assertThat(store.findAll()).extracting(JobRecord::id).containsExactly("bad", "other");
        assertThat(store.find("other").orElseThrow().definition().id()).isEqualTo("other");
        assertThat(store.find("bad")).isPresent();
        List<Fire> claimed = store.claimDue(START, 10, "n1").fires();
        assertThat(claimed).extracting(Fire::jobId).containsExactly("other");
        store.complete(new Completion(claimed.get(0), Outcome.SUCCESS, START, START.plusSeconds(1), "n1", null, null, null, null));
        assertThat(store.nextDueTime()).as("the unreadable job is not due on this node").contains(START.plusSeconds(10));
        assertThat(value(database, "bad", corruption.column)).isEqualTo(corruption.value);

        JobRecord saved = store.save(bad(), START.plusSeconds(1));

        assertThat(saved.definition()).isEqualTo(bad());
        assertThat(saved.next().due()).as("a new first fire").isEqualTo(START.plusSeconds(10));
        assertThat(store.find("bad").orElseThrow().definition()).isEqualTo(bad());
        assertThat(store.claimDue(START.plusSeconds(10), 10, "n1").fires()).extracting(Fire::jobId).containsExactly("bad", "other");
    }

    /**
     * A lost node's runs are recorded lost in one transaction: one of them of a job this node cannot read must not stop
     * the others' recovery (their retries, their instance slots). The unreadable job's run is recorded lost too; its retry
     * cannot be planned without its definition.
     */
    static void recoveryOfALostNode(JpaTestDatabase database, JobStore store, Corruption corruption) throws Exception {
        store.save(bad(), START);
        store.save(JobDefinition.of("other", Schedule.fixedRate(Duration.ofMinutes(1)))
                .withPolicy(JobPolicy.defaults().withRetries(1)), START);
        store.heartbeat("node-a", START);
        assertThat(store.claimDue(START, 10, "node-a").fires()).hasSize(2);
        corruption.apply(database, "bad");
        Instant later = START.plusSeconds(40);
        store.heartbeat("node-b", later);

        List<ExecutionRecord> lost = store.recoverLostRuns(later, Duration.ofSeconds(30));

        assertThat(lost).extracting(ExecutionRecord::jobId).containsExactly("bad", "other");
        assertThat(lost).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.LOST));
        assertThat(lost.get(0).detail()).isEqualTo("node node-a silent since " + START
                + "; not retried: this node cannot read the job's definition");
        assertThat(lost.get(1).detail()).isEqualTo("node node-a silent since " + START);
        assertThat(RefusedOutcomeScenarios.runsInFlight(database)).isZero();
        assertThat(pendingFires(database, "other")).as("other's retry").isEqualTo(1);
        assertThat(store.nodes("node-b")).extracting(io.punctual.scheduler.NodeInfo::id).containsExactly("node-b");
        assertThat(value(database, "bad", corruption.column)).isEqualTo(corruption.value);
    }

    /** The history purge deletes old rows whatever the jobs' definitions, and never an unreadable job that has work left. */
    static void historyPurge(JpaTestDatabase database, JobStore store, Corruption corruption) throws Exception {
        store.save(bad(), START);
        Fire fire = store.claimDue(START, 10, "n1").fires().get(0);
        store.complete(new Completion(fire, Outcome.SUCCESS, START, START.plusSeconds(1), "n1", null, null, null, null));
        store.addPendingFire(new PendingFire("bad", START.plusSeconds(2), START.plusSeconds(2), 1, FireOrigin.TRIGGER));
        corruption.apply(database, "bad");

        assertThat(store.deleteHistoryBefore(START.plusSeconds(5))).isEqualTo(1);

        assertThat(store.findAll()).extracting(JobRecord::id).containsExactly("bad");
        assertThat(pendingFires(database, "bad")).isEqualTo(1);
        assertThat(value(database, "bad", corruption.column)).isEqualTo(corruption.value);
    }

    /**
     * What the scheduler's API does with a job this node cannot read: it lists and finds it (state unreadable, the stored
     * text, the problem), shows its history, pauses and resumes it, has no next fire times for it and refuses to trigger it
     * with the problem; a reschedule repairs a job whose schedule cannot be read, and refuses one whose policy cannot be
     * read, leaving it as it is; a cancel removes it.
     */
    static void throughTheScheduler(JpaTestDatabase database, JobStore store, Corruption corruption) throws Exception {
        MutableClock clock = MutableClock.at(START);
        AtomicInteger badRuns = new AtomicInteger();
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1").store(store))) {
            JobScheduler s = manual.scheduler();
            s.register(bad(), ctx -> badRuns.incrementAndGet());
            s.register(JobDefinition.of("other", Schedule.fixedRate(Duration.ofSeconds(10))), ctx -> { });
            manual.runDue();
            assertThat(badRuns.get()).isEqualTo(1);
            corruption.apply(database, "bad");

            assertThat(s.jobs()).extracting(JobInfo::id).containsExactly("bad", "other");
            JobInfo listed = s.jobs().get(0);
            assertThat(listed.state()).isEqualTo(JobState.UNREADABLE);
            assertThat(listed.definition()).isNull();
            assertThat(listed.problem()).startsWith("Job 'bad' cannot be read from the store (column " + corruption.column + "): ")
                    .contains("'" + corruption.value + "' is invalid").contains("Allowed: ");
            assertThat(listed.schedule()).isEqualTo(corruption == Corruption.CRON ? "cron not a cron"
                    : corruption == Corruption.KIND ? "LUNAR */10 * * * * *" : "cron */10 * * * * *");
            assertThat(listed.zone()).isEqualTo(corruption == Corruption.ZONE ? "Mars/Olympus" : "Z");
            assertThat(listed.nextFireTime()).as("the stored next fire").isEqualTo(START.plusSeconds(10));
            assertThat(listed.lastOutcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(listed.tags()).containsExactlyInAnyOrder("reports", "daily");
            assertThat(s.jobsByTag("reports")).extracting(JobInfo::id).containsExactly("bad");
            assertThat(s.job("bad")).contains(listed);
            assertThat(s.history("bad", 10)).hasSize(1);
            assertThat(s.nextFireTimes("bad", 5)).isEmpty();
            assertThatThrownBy(() -> s.trigger("bad")).isInstanceOf(UnreadableJobException.class)
                    .hasMessage(listed.problem());
            s.pause("bad");
            assertThat(s.job("bad").orElseThrow().state()).as("resuming would not make it fire").isEqualTo(JobState.UNREADABLE);
            s.resume("bad");
            assertThat(pendingFires(database, "bad")).isZero();

            Schedule everyFiveSeconds = Schedule.cron("*/5 * * * * *", ZoneOffset.UTC);
            if (corruption == Corruption.MISFIRE) {
                assertThatThrownBy(() -> s.reschedule("bad", everyFiveSeconds)).isInstanceOf(UnreadableJobException.class)
                        .satisfies(e -> assertThat(((UnreadableJobException) e).column()).isEqualTo("misfire"));
                assertThat(value(database, "bad", corruption.column)).isEqualTo(corruption.value);
            } else {
                clock.setInstant(START.plusSeconds(1));
                s.reschedule("bad", everyFiveSeconds);
                JobInfo repaired = s.job("bad").orElseThrow();
                assertThat(repaired.state()).isEqualTo(JobState.SCHEDULED);
                assertThat(repaired.definition()).isEqualTo(bad().withSchedule(everyFiveSeconds));
                assertThat(repaired.nextFireTime()).isEqualTo(START.plusSeconds(5));
                manual.advance(Duration.ofSeconds(4));
                assertThat(badRuns.get()).as("fires again").isEqualTo(2);
            }
            assertThat(s.cancel("bad")).isTrue();
            assertThat(s.jobs()).extracting(JobInfo::id).containsExactly("other");
        }
    }

    /** A dynamic job whose row cannot be read is listed with its handler's meters kept, and scheduling it again repairs it. */
    static void aDynamicJobScheduledAgain(JpaTestDatabase database, JobStore store, Corruption corruption) throws Exception {
        MutableClock clock = MutableClock.at(START);
        List<String> payloads = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1").store(store))) {
            JobScheduler s = manual.scheduler();
            s.registerHandler("greet", String.class, (ctx, payload) -> payloads.add(payload));
            Schedule tenSeconds = Schedule.cron("*/10 * * * * *", ZoneOffset.UTC);
            s.schedule("dyn", "greet", tenSeconds, "ada", null);
            corruption.apply(database, "dyn");
            manual.advance(Duration.ofSeconds(10));
            assertThat(payloads).isEmpty();
            assertThat(s.job("dyn").orElseThrow().state()).isEqualTo(JobState.UNREADABLE);
            assertThat(s.dynamicJobsByHandler()).containsEntry("greet", 1L);

            s.schedule("dyn", "greet", tenSeconds, "grace", null);

            assertThat(s.job("dyn").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
            manual.advance(Duration.ofSeconds(10));
            assertThat(payloads).containsExactly("grace");
        }
    }

    /**
     * Setting a job aside is this node's decision, not written to the database: another node (store) that can read the row
     * claims it at once, and this node reads it again at its next heartbeat, when another node saved it meanwhile.
     */
    static void setAsideByThisNodeOnly(JpaTestDatabase database, JobStore store, JobStore otherNode) throws Exception {
        store.save(bad(), START);
        String cron = value(database, "bad", "schedule_expression");
        Corruption.CRON.apply(database, "bad");
        assertThat(store.claimDue(START, 10, "n1").isEmpty()).isTrue();
        set(database, "bad", "schedule_expression", cron); // as a node that can read it reads it

        assertThat(store.claimDue(START, 10, "n1").isEmpty()).as("set aside until the next heartbeat").isTrue();
        assertThat(otherNode.claimDue(START, 10, "n2").fires()).extracting(Fire::jobId).containsExactly("bad");
        assertThat(value(database, "bad", "schedule_expression")).isEqualTo(cron);

        store.heartbeat("n1", START.plusSeconds(1));
        assertThat(store.find("bad").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        otherNode.addPendingFire(new PendingFire("bad", START.plusSeconds(2), START.plusSeconds(2), 1, FireOrigin.TRIGGER));
        // its run on the other node is in flight: the trigger is skipped (max instances), so this node read it
        assertThat(store.claimDue(START.plusSeconds(2), 10, "n1").notRun()).extracting(ExecutionRecord::jobId).containsExactly("bad");
    }

    static void set(JpaTestDatabase database, String jobId, String column, String value) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("UPDATE " + database.prefix + "job SET " + column + " = ? WHERE id = ?")) {
            s.setString(1, value);
            s.setString(2, jobId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    static String value(JpaTestDatabase database, String jobId, String column) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM " + database.prefix + "job WHERE id = ?")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    static long pendingFires(JpaTestDatabase database, String jobId) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + database.prefix + "pending_fire WHERE job_id = '" + jobId + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
