package io.punctual.scheduler.store.jpa;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole contract on tables with a custom prefix: the script creates them with the prefix, and the
 * persistence unit maps the entities onto them with a naming strategy of its provider.
 */
class JpaJobStoreH2CustomPrefixTest extends JpaJobStoreTestBase {

    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void startDatabase() {
        database = JpaTestDatabase.h2("prefixed", "app1_sched_").createSchema();
        factory = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stopDatabase() {
        factory.close();
    }

    /** The store as built without Spring: new jobs go through the entity manager's connection. */
    @Override
    protected boolean newJobsThroughDataSource() {
        return false;
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
    void onlyTablesWithTheCustomPrefixExist() throws SQLException {
        try (Connection c = database.connect();
             ResultSet rs = c.getMetaData().getTables(null, null, "PUNCTUAL_%", null)) {
            assertThat(rs.next()).isFalse();
        }
        try (Connection c = database.connect();
             ResultSet rs = c.getMetaData().getTables(null, null, "APP1_SCHED_%", new String[] {"TABLE"})) {
            int tables = 0;
            while (rs.next()) {
                tables++;
            }
            assertThat(tables).isEqualTo(5);
        }
    }

    @Test
    void aPrefixWithAnythingButLettersDigitsAndUnderscoreIsRejected() {
        assertThatThrownBy(() -> new JpaJobStore(factory, "x; drop table y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters, digits and _");
        assertThatThrownBy(() -> JpaSchema.statements("h2", "a-b")).isInstanceOf(IllegalArgumentException.class);
    }
}
