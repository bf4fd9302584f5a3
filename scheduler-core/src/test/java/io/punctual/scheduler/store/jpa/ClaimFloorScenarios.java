package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.JobStore;

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
    private static final Instant NOW = T0.plus(Duration.ofHours(1));
    private static final int JOBS = 100;
    private static final int BATCH = 4;

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

    private static List<String> ids(List<Fire> fires) {
        return fires.stream().map(Fire::jobId).toList();
    }
}
