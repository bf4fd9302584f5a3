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
}
