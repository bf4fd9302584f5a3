package io.punctual.scheduler.store.jpa;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JpaJobStoreH2Test extends JpaJobStoreTestBase {

    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void startDatabase() {
        database = JpaTestDatabase.h2("punctual", JpaJobStore.DEFAULT_TABLE_PREFIX).createSchema();
        factory = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stopDatabase() {
        factory.close();
    }

    @Override
    protected JpaTestDatabase database() {
        return database;
    }

    @Override
    protected EntityManagerFactory factory() {
        return factory;
    }

    @Override
    protected String databaseName() {
        return "h2";
    }

    @Test
    void claimAsksH2ToSkipLockedRows() {
        store.save(everyMinute("a"), T0);
        JpaTestDatabase.STATEMENTS.clear();

        store.claimDue(T0, 10, NODE);

        assertThat(JpaTestDatabase.STATEMENTS).filteredOn(sql -> sql.contains("claim_due<=") || sql.contains("claim_due <="))
                .singleElement().satisfies(sql -> {
                    System.out.println("H2 claim SQL: " + sql);
                    assertThat(sql.toLowerCase()).contains("for update").contains("skip locked");
                });
    }

    /**
     * One claim takes at most {@link JpaJobStore#maxClaim} fires. A claim asked for more that got that many is as full as a
     * claim gets: more may be due, so it reports no next due time (the engine claims again) rather than reading one.
     */
    @Test
    void aClaimCappedByTheStoreCountsAsFull() {
        int due = store.maxClaim() + 6;
        for (int i = 0; i < due; i++) {
            store.save(everyMinute("cap-" + i), T0);
        }
        JpaTestDatabase.STATEMENTS.clear();

        io.punctual.scheduler.store.Turnover turnover = store.completeAndClaim(java.util.List.of(), T0, java.time.Duration.ZERO,
                2 * store.maxClaim(), NODE);

        assertThat(turnover.claimed().fires()).hasSize(store.maxClaim());
        assertThat(turnover.nextDue()).as("more may be due: no next due time").isEmpty();
        assertThat(JpaTestDatabase.STATEMENTS).as("no next-due read").noneMatch(sql -> sql.startsWith("select min(j.claim_due)"));
        assertThat(store.completeAndClaim(java.util.List.of(), T0, java.time.Duration.ZERO, 2 * store.maxClaim(), NODE)
                .claimed().fires()).as("the rest, in the next claim").hasSize(6);
    }
}
