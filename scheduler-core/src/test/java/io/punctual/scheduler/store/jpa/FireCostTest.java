package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fire costs the same few statements whether the store holds ten jobs or two thousand, and whether a job
 * has one history row or hundreds: nothing on the hot path grows with the tables.
 */
class FireCostTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void start() {
        database = new JpaTestDatabase("jdbc:h2:mem:cost-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "punctual_").createSchema();
        factory = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    /** Statements issued by one claim, completion and next-due look-up of a single due job among {@code others} idle ones. */
    private static List<Integer> statementsForOneFire(int others, int pastRuns) {
        database.truncate();
        JpaJobStore store = new JpaJobStore(factory);
        for (int i = 0; i < others; i++) {
            store.save(JobDefinition.of("idle-" + i, Schedule.at(T0.plus(Duration.ofDays(30)))), T0);
        }
        store.save(JobDefinition.of("busy", Schedule.fixedRate(Duration.ofMinutes(1))), T0);
        Instant now = T0;
        for (int i = 0; i < pastRuns; i++) {
            Fire f = store.claimDue(now, 10, "n").fires().get(0);
            store.complete(new Completion(f, Outcome.SUCCESS, now, now.plusSeconds(1), "n", null, null, null, null));
            now = now.plus(Duration.ofMinutes(1));
        }

        JpaTestDatabase.STATEMENTS.clear();
        Fire fire = store.claimDue(now, 10, "n").fires().get(0);
        int claim = JpaTestDatabase.STATEMENTS.size();
        JpaTestDatabase.STATEMENTS.clear();
        store.complete(new Completion(fire, Outcome.SUCCESS, now, now.plusSeconds(1), "n", null, null, null, null));
        int complete = JpaTestDatabase.STATEMENTS.size();
        JpaTestDatabase.STATEMENTS.clear();
        store.nextDueTime();
        int nextDue = JpaTestDatabase.STATEMENTS.size();
        return List.of(claim, complete, nextDue);
    }

    @Test
    void statementsPerFireDoNotGrowWithJobsOrHistory() {
        List<Integer> small = statementsForOneFire(10, 1);
        List<Integer> large = statementsForOneFire(2_000, 300);

        System.out.println("statements per fire (claim, complete, next due): " + small + " with 10 jobs, " + large + " with 2000 jobs and 300 history rows");
        assertThat(large).isEqualTo(small);
        assertThat(small.get(0) + small.get(1) + small.get(2)).as("claim + complete + next due, statements: %s", small)
                .isLessThanOrEqualTo(20);
    }
}
