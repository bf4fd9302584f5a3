package io.punctual.scheduler.store.jpa;

import ch.vorburger.exec.ManagedProcessException;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real MariaDB ({@link EmbeddedMariaDb}, one server for the class): what MariaDB calls a schema is a database, which
 * its JDBC driver treats as the catalog ({@code setSchema} does nothing) and Hibernate's dialect qualifies tables with
 * (the unit's {@code hibernate.default_catalog}); {@code hibernate.default_schema} has no effect on where Hibernate looks.
 */
class JpaJobStoreDefaultSchemaMariaDbTest extends JpaDefaultNamespaceTestBase {

    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void startDatabase() throws ManagedProcessException {
        mariaDb = EmbeddedMariaDb.start();
    }

    @AfterAll
    static void stopDatabase() throws ManagedProcessException {
        if (mariaDb != null) {
            mariaDb.stop();
        }
    }

    @Override
    protected JpaTestDatabase newDatabase(String name) {
        mariaDb.createDatabase(name);
        return new JpaTestDatabase(mariaDb.url(name), "root", PREFIX);
    }

    @Override
    protected void createNamespace(JpaTestDatabase database, String name) {
        mariaDb.createDatabase(name);
    }

    @Override
    protected String connectionsNamespace(JpaTestDatabase database) {
        return database.url.substring(database.url.lastIndexOf('/') + 1);
    }

    @Override
    protected Map<String, Object> unitSettings(String namespace) {
        return Map.of(JpaSchema.DEFAULT_CATALOG_PROPERTY, namespace);
    }

    /**
     * A unit that sets only {@code hibernate.default_schema}, as on PostgreSQL: Hibernate keeps its tables in the
     * connection's database, so the script creates them there and the store's own SQL looks for them there too.
     */
    @Test
    void theDefaultSchemaAloneLeavesTheTablesInTheConnectionsDatabaseAsHibernateDoes() throws SQLException {
        JpaTestDatabase database = newDatabase("schema_only");
        createNamespace(database, "other");
        Map<String, Object> settings = Map.of(JpaSchema.DEFAULT_SCHEMA_PROPERTY, "other");
        try (Connection c = database.connect()) {
            assertThat(create(c, settings)).isNull();
        }
        assertThat(tablesIn(database, "schema_only")).containsExactlyInAnyOrderElementsOf(JpaJobStore.TABLE_NAMES);
        assertThat(tablesIn(database, "other")).isEmpty();

        EntityManagerFactory factory = database.entityManagerFactory(settings);
        try {
            assertTheStoreWorks(factory, database);
        } finally {
            factory.close();
        }
        assertThat(count(database, "schema_only." + PREFIX + "job")).isEqualTo(2);
    }
}
