package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.PendingFire;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog drained from a {@link ClaimFloor}: rows that come before the floor while it lasts are claimed within
 * {@link ClaimFloor#FULL_SCAN_EVERY} claims, and every due job is claimed exactly once. Run by every JPA store test
 * ({@link JpaJobStoreTestBase}) on its database.
 */
final class ClaimFloorScenarios {

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    static final Instant NOW = T0.plus(Duration.ofHours(1));
    private static final int JOBS = 100;
    static final int BATCH = 4;

    private ClaimFloorScenarios() {
    }

    /**
     * Another transaction holds the earliest due job while the node claims (a node claiming the same rows, a run's end),
     * then lets it go unclaimed: the node's backlog claims have passed it, and one of the next
     * {@link ClaimFloor#FULL_SCAN_EVERY} claims takes it.
     */
    static void aRowAnotherTransactionHeldIsClaimedWithinAFullScan(JpaTestDatabase database, JobStore store) throws Exception {
        saveBacklog(store);
        List<List<Fire>> claims = new ArrayList<>();
        try (Connection other = database.connect()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM " + database.prefix + "job WHERE id = 'j-000' FOR UPDATE")) {
                assertThat(rs.next()).isTrue();
            }
            claims.add(store.claimDue(NOW, BATCH, "n1").fires());
            other.rollback();
        }
        drain(store, claims);

        assertThat(ids(claims.get(0))).as("held by the other transaction: passed over").doesNotContain("j-000");
        assertThat(claimIndex(claims, "j-000")).as("claims until the held job was claimed, after it was let go")
                .isBetween(1, ClaimFloor.FULL_SCAN_EVERY);
        assertEveryJobClaimedOnce(claims, JOBS);
    }

    /**
     * Another node saves a job due before this node's floor while this node drains a backlog: one of the next
     * {@link ClaimFloor#FULL_SCAN_EVERY} claims takes it; and the claims of the backlog start at the floor, not at the
     * start of the claim index.
     */
    static void anotherNodesJobDueBeforeTheFloorIsClaimedWithinAFullScan(JobStore store, JobStore otherNode) {
        saveBacklog(store);
        List<List<Fire>> claims = new ArrayList<>();
        claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        JpaTestDatabase.STATEMENTS.clear();
        claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        assertThat(JpaTestDatabase.STATEMENTS).as("a backlog's claim scans from its floor")
                .anyMatch(sql -> sql.replace(" ", "").contains("claim_due>=?"));
        int saved = claims.size();
        otherNode.save(JobDefinition.of("early", Schedule.at(T0.minus(Duration.ofMinutes(30)))).withHandler("h", "\"p\""), NOW);
        drain(store, claims);

        assertThat(claimIndex(claims, "early") - saved).as("claims after the other node's save until its job was claimed")
                .isBetween(0, ClaimFloor.FULL_SCAN_EVERY - 1);
        assertEveryJobClaimedOnce(claims, JOBS + 1);
    }

    /**
     * A backlog of jobs due at one instant, of three priorities, and a few due a second later (S1's drain, a cron herd): the
     * claims take them in claim order (the highest priority first, then by id) each once, and those after the first
     * start their scan at the whole index key of the row the claim before found first, not at the start of its due time.
     */
    static void aBacklogDueAtOneInstantIsClaimedInOrderFromTheKeyOfTheLastClaimsFirstRow(JobStore store, boolean providerReads) {
        List<String> expected = new ArrayList<>();
        int[] priorities = {5, 0, -3};
        for (int priority : priorities) {
            for (int i = 0; i < 10; i++) {
                String id = String.format("p%d-%02d", priority + 3, 9 - i); // saved against their id order
                store.save(JobDefinition.of(id, Schedule.at(T0)).withHandler("h", "\"p\"")
                        .withPolicy(JobPolicy.defaults().withPriority(priority)), T0);
            }
            for (int i = 0; i < 10; i++) {
                expected.add(String.format("p%d-%02d", priority + 3, i));
            }
        }
        for (int i = 0; i < 10; i++) {
            String id = String.format("later-%02d", i);
            store.save(JobDefinition.of(id, Schedule.at(T0.plusSeconds(1))).withHandler("h", "\"p\""), T0);
            expected.add(id);
        }
        List<List<Fire>> claims = new ArrayList<>();
        claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        JpaTestDatabase.STATEMENTS.clear();
        drain(store, claims);

        assertThat(claims.stream().flatMap(c -> ids(c).stream()).toList()).as("in claim order, each once").isEqualTo(expected);
        if (!providerReads) { // the provider's queries scan from the floor's due time
            assertThat(JpaTestDatabase.STATEMENTS).as("a backlog's claim scans from the whole key of its floor")
                    .anyMatch(sql -> sql.replace(" ", "").contains("claim_due=?andpriority=?andid>=?"));
        }
    }

    /**
     * While this node drains a backlog due at one instant from the whole index key of a row, it saves two jobs due at that
     * instant that sort before that key: one of a higher priority, one of the same priority and a smaller id. Its own write
     * lowers the floor to the start of that due time ({@link ClaimFloor#lower}): the next claim takes them first.
     */
    static void jobsThisNodeSavesAtTheFloorsDueTimeBeforeItsKeyAreClaimedByTheNextClaim(JobStore store) {
        saveHerd(store, 20);
        List<List<Fire>> claims = new ArrayList<>();
        claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        claims.add(store.claimDue(NOW, BATCH, "n1").fires()); // from the key of h-004 on
        store.save(JobDefinition.of("urgent", Schedule.at(T0)).withHandler("h", "\"p\"")
                .withPolicy(JobPolicy.defaults().withPriority(5)), T0);
        store.save(JobDefinition.of("a-early", Schedule.at(T0)).withHandler("h", "\"p\""), T0);
        int saved = claims.size();
        drain(store, claims);

        assertThat(ids(claims.get(saved))).as("the claim after this node's saves, in claim order")
                .containsExactly("urgent", "a-early", "h-008", "h-009");
        assertEveryJobClaimedOnce(claims, 22);
    }

    /**
     * Another node saves a job due at the very instant of this node's backlog, of a higher priority than the row whose key
     * is this node's floor: this node does not hear of it (no notifications here), and one of its next
     * {@link ClaimFloor#FULL_SCAN_EVERY} claims takes it (the backlog lasts longer than that, so the end of the backlog does
     * not).
     */
    static void anotherNodesJobAtTheFloorsDueTimeBeforeItsKeyIsClaimedWithinAFullScan(JobStore store, JobStore otherNode) {
        saveHerd(store, JOBS);
        List<List<Fire>> claims = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        }
        otherNode.save(JobDefinition.of("urgent", Schedule.at(T0)).withHandler("h", "\"p\"")
                .withPolicy(JobPolicy.defaults().withPriority(5)), T0);
        int saved = claims.size();
        drain(store, claims);

        assertThat(claims.size() - saved).as("the backlog outlasts a full scan's period")
                .isGreaterThan(ClaimFloor.FULL_SCAN_EVERY);
        assertThat(claimIndex(claims, "urgent") - saved).as("claims after the other node's save until its job was claimed")
                .isBetween(0, ClaimFloor.FULL_SCAN_EVERY - 1);
        assertEveryJobClaimedOnce(claims, JOBS + 1);
    }

    /**
     * A turnover's outcome makes a job claimable at the very instant of the backlog, before the key its claim scans from:
     * a job of a higher priority whose schedule fire waited for a triggered run, which ends in that turnover. The claim of
     * the turnover cannot see it (its row is written after the claim); the write lowers the floor to the start of that
     * due time, and the next claim takes the job first.
     */
    static void aJobATurnoversOutcomeReleasesAtTheFloorsDueTimeIsClaimedByTheNextClaim(JobStore store) {
        List<List<Fire>> claims = new ArrayList<>();
        Fire triggered = herdAndAJobWaitingForItsTriggeredRun(store, claims);
        assertThat(ids(claims.get(0))).containsExactly("w", "h-000", "h-001", "h-002");
        claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        claims.add(store.claimDue(NOW, BATCH, "n1").fires()); // from the key of h-003 on
        claims.add(store.completeAndClaim(List.of(new Completion(triggered, Outcome.SUCCESS, NOW, NOW, "n1", null, null, null,
                null)), NOW, Duration.ZERO, BATCH, "n1").claimed().fires());
        assertThat(ids(claims.get(3))).as("the turnover's claim, from the key of h-007 on").doesNotContain("w");
        int turnover = claims.size() - 1;
        drain(store, claims);

        assertThat(claims.get(turnover + 1)).as("the claim after the turnover that released w")
                .first().satisfies(f -> {
                    assertThat(f.jobId()).isEqualTo("w");
                    assertThat(f.origin()).isEqualTo(FireOrigin.SCHEDULE);
                });
        List<String> all = claims.stream().flatMap(c -> ids(c).stream()).toList();
        assertThat(all).as("the herd once each, w twice (its trigger, its schedule fire)").hasSize(22)
                .containsOnlyOnceElementsOf(all.stream().filter(id -> !id.equals("w")).toList());
        assertThat(all.stream().filter(id -> id.equals("w"))).hasSize(2);
    }

    /** {@code jobs} one-time jobs h-000, h-001, ..., all due at T0 with the default priority. */
    /**
     * A herd of 20 jobs due at T0 ({@code h-000} on) and {@code w}, due at T0 too with a higher priority, whose trigger is
     * due a second earlier. The first claim, added to {@code claims}, takes w's trigger first; w's schedule fire then waits
     * for that run, whose fire is returned.
     */
    static Fire herdAndAJobWaitingForItsTriggeredRun(JobStore store, List<List<Fire>> claims) {
        saveHerd(store, 20);
        store.save(JobDefinition.of("w", Schedule.at(T0)).withHandler("h", "\"p\"")
                .withPolicy(JobPolicy.defaults().withPriority(5)), T0);
        store.addPendingFire(new PendingFire("w", T0.minusSeconds(1), T0.minusSeconds(1), 1, FireOrigin.TRIGGER));
        claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        Fire triggered = claims.get(claims.size() - 1).get(0);
        assertThat(triggered.origin()).as("the trigger first; w's schedule fire waits for its run").isEqualTo(FireOrigin.TRIGGER);
        return triggered;
    }

    private static void saveHerd(JobStore store, int jobs) {
        for (int i = 0; i < jobs; i++) {
            store.save(JobDefinition.of(String.format("h-%03d", i), Schedule.at(T0)).withHandler("h", "\"p\""), T0);
        }
    }

    /** {@value #JOBS} one-time jobs, due one second apart from T0, all due at {@link #NOW}. */
    private static void saveBacklog(JobStore store) {
        for (int i = 0; i < JOBS; i++) {
            store.save(JobDefinition.of(String.format("j-%03d", i), Schedule.at(T0.plusSeconds(i))).withHandler("h", "\"p\""), T0);
        }
    }

    private static void drain(JobStore store, List<List<Fire>> claims) {
        for (int i = 0; i < 2 * JOBS; i++) {
            List<Fire> fires = store.claimDue(NOW, BATCH, "n1").fires();
            if (fires.isEmpty()) {
                return;
            }
            claims.add(fires);
        }
        throw new AssertionError("the drain did not end");
    }

    private static int claimIndex(List<List<Fire>> claims, String jobId) {
        for (int i = 0; i < claims.size(); i++) {
            if (ids(claims.get(i)).contains(jobId)) {
                return i;
            }
        }
        throw new AssertionError(jobId + " was never claimed");
    }

    private static void assertEveryJobClaimedOnce(List<List<Fire>> claims, int jobs) {
        List<String> all = claims.stream().flatMap(c -> ids(c).stream()).toList();
        assertThat(all).as("every job claimed").hasSize(jobs);
        assertThat(new HashSet<>(all)).as("none twice").hasSize(jobs);
    }

    static List<String> ids(List<Fire> fires) {
        return fires.stream().map(Fire::jobId).toList();
    }
}
