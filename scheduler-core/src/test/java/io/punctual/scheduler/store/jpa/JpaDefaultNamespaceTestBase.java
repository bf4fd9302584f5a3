package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A persistence unit whose tables live in a namespace other than the connection's (a schema; on MySQL and MariaDB a
 * database, set as the unit's default catalog): the shipped script creates them there ({@link JpaSchema#create(Connection,
 * String, String, String)}), and the store's own SQL reaches them there. Each test gets a database of its own, in one
 * server per class, whose connection's own namespace stays empty, so a statement that missed the namespace fails.
 */
abstract class JpaDefaultNamespaceTestBase {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String PREFIX = JpaJobStore.DEFAULT_TABLE_PREFIX;

    /** A new, empty database named {@code name}, in this class's server. */
    protected abstract JpaTestDatabase newDatabase(String name);

    /** Creates the namespace {@code name} (a schema; on MySQL and MariaDB a database) beside the connection's own. */
    protected void createNamespace(JpaTestDatabase database, String name) throws SQLException {
        try (Connection c = database.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("create schema " + name);
        }
    }

    /** The connection's own namespace, as {@code information_schema.tables.table_schema} names it. */
    protected abstract String connectionsNamespace(JpaTestDatabase database);

    /** The persistence unit's settings that put its tables in {@code namespace}. */
    protected Map<String, Object> unitSettings(String namespace) {
        return Map.of(JpaSchema.DEFAULT_SCHEMA_PROPERTY, namespace);
    }

    /** Runs the script as the unit with {@code settings} has it run. */
    static String create(Connection connection, Map<String, Object> settings) throws SQLException {
        return JpaSchema.create(connection, PREFIX, (String) settings.get(JpaSchema.DEFAULT_SCHEMA_PROPERTY),
                (String) settings.get(JpaSchema.DEFAULT_CATALOG_PROPERTY));
    }

    @Test
    void theScriptCreatesTheTablesInTheUnitsNamespaceOnlyAndPutsTheConnectionBack() throws SQLException {
        JpaTestDatabase database = newDatabase("script");
        String namespace = "script_sched"; // on MySQL and MariaDB a database: named for this test, as the server is shared
        createNamespace(database, namespace);
        try (Connection c = database.connect()) {
            String schema = c.getSchema();
            String catalog = c.getCatalog();
            assertThat(create(c, unitSettings(namespace))).isEqualToIgnoringCase(namespace);
            assertThat(create(c, unitSettings(namespace))).as("again: idempotent").isEqualToIgnoringCase(namespace);
            assertThat(c.getSchema()).isEqualTo(schema);
            assertThat(c.getCatalog()).isEqualTo(catalog);
        }
        assertThat(tablesIn(database, namespace)).containsExactlyInAnyOrderElementsOf(JpaJobStore.TABLE_NAMES);
        assertThat(tablesIn(database, connectionsNamespace(database))).isEmpty();
    }

    @Test
    void theStoreSavesClaimsAndCompletesInTheUnitsNamespace() throws SQLException {
        JpaTestDatabase database = newDatabase("store");
        String namespace = "store_sched";
        createNamespace(database, namespace);
        try (Connection c = database.connect()) {
            create(c, unitSettings(namespace));
        }
        // the factory validates the entities against the tables: they are where the provider maps them
        EntityManagerFactory factory = database.entityManagerFactory(unitSettings(namespace));
        try {
            assertTheStoreWorks(factory, database);
        } finally {
            factory.close();
        }
        assertThat(count(database, namespace + "." + PREFIX + "job")).isEqualTo(2);
        assertThat(count(database, namespace + "." + PREFIX + "execution")).isEqualTo(2);
        assertThat(tablesIn(database, connectionsNamespace(database))).isEmpty();
    }

    @Test
    void aNamespaceThatDoesNotExistIsNamed() throws SQLException {
        JpaTestDatabase database = newDatabase("missing");
        try (Connection c = database.connect()) {
            assertThatThrownBy(() -> create(c, unitSettings("nowhere"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'nowhere'").hasMessageContaining("does not exist");
        }
        assertThat(tablesIn(database, connectionsNamespace(database))).isEmpty();
    }

    /**
     * A store over {@code factory}, writing new dynamic jobs through a DataSource as the starter does, saves a job declared
     * in code and a dynamic one, claims both, records their outcomes and reads their history.
     */
    static void assertTheStoreWorks(EntityManagerFactory factory, JpaTestDatabase database) {
        JpaJobStore store = new JpaJobStore(factory).insertNewJobsThrough(new TestDataSource(database.url, database.user));
        store.save(JobDefinition.of("report", Schedule.fixedRate(Duration.ofMinutes(1))), T0);
        store.save(new JobDefinition("dyn-1", Schedule.at(T0), JobPolicy.defaults(), Set.of("t"), true,
                Duration.ZERO, "greet", "\"x\""), T0);

        List<Fire> fires = store.claimDue(T0, 10, "n").fires();
        assertThat(fires).extracting(Fire::jobId).containsExactlyInAnyOrder("report", "dyn-1");
        store.completeAll(fires.stream()
                .map(f -> new Completion(f, Outcome.SUCCESS, T0, T0.plusMillis(5), "n", null, null, null, null)).toList());

        assertThat(store.history("report", 5)).extracting(r -> r.outcome()).containsExactly(Outcome.SUCCESS);
        assertThat(store.history("dyn-1", 5)).extracting(r -> r.outcome()).containsExactly(Outcome.SUCCESS);
        assertThat(store.nextDueTime()).contains(T0.plus(Duration.ofMinutes(1)));
    }

    /** The names of Punctual's tables in {@code namespace}, in lower case. */
    static List<String> tablesIn(JpaTestDatabase database, String namespace) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("select table_name from"
                + " information_schema.tables where lower(table_schema) = lower(?) and lower(table_name) like 'punctual%'")) {
            s.setString(1, namespace);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tables.add(r.getString(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return tables;
    }

    static long count(JpaTestDatabase database, String table) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
