package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Fire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link FireRows} writes only the columns that changed of rows it read earlier in the transaction. When another
 * transaction deleted such a row in between (execution rows are read without a lock: the history retention may remove
 * one), the write must fail the transaction rather than lose the change without a word. A real second connection deletes
 * the row on H2.
 */
class FireRowsDeletedRowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void start() {
        database = JpaTestDatabase.h2("deleted-row", "punctual_").createSchema();
        factory = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    @Test
    void anExecutionRowDeletedAfterItWasReadFailsTheWriteNamingIt() throws Exception {
        JpaJobStore store = new JpaJobStore(factory);
        // two runs at once: the first is held on the job row, the second has an execution row from its claim on
        store.save(JobDefinition.of("report", Schedule.fixedRate(Duration.ofMinutes(1)))
                .withPolicy(io.punctual.scheduler.JobPolicy.defaults().withMaxInstances(2)), T0);
        store.claimDue(T0, 1, "n");
        Fire fire = store.claimDue(T0.plusSeconds(60), 1, "n").fires().get(0);

        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            FireRows rows = new FireRows(em, new JobRows("punctual_"), new ExecutionRows("punctual_"), false, DatabaseFacts.UNKNOWN,
                    new ClaimFloor());
            ExecutionEntity run = rows.executions(List.of(fire.executionId())).get(0);
            try (Connection other = database.connect();
                    PreparedStatement delete = other.prepareStatement("delete from punctual_execution where id = ?")) {
                delete.setString(1, fire.executionId());
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
            run.endTime = run.startTime;
            run.outcome = "SUCCESS";

            assertThatThrownBy(rows::write).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("execution row " + fire.executionId())
                    .hasMessageContaining("rolled back and tried again");
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Test
    void rowsThatWereUpdatedPass() {
        FireRows.requireUpdated(new int[] {1, java.sql.Statement.SUCCESS_NO_INFO}, List.of("a", "b"), id -> id, "job");
        assertThatThrownBy(() -> FireRows.requireUpdated(new int[] {1, 0}, List.of("a", "b"), id -> id, "job"))
                .hasMessageStartingWith("The job row b was deleted");
    }
}
