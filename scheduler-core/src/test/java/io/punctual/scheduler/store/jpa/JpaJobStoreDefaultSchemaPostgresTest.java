package io.punctual.scheduler.store.jpa;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** On a real PostgreSQL (embedded, one server for the class): the unit's tables in a schema of their own. */
class JpaJobStoreDefaultSchemaPostgresTest extends JpaDefaultNamespaceTestBase {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected JpaTestDatabase newDatabase(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new JpaTestDatabase(postgres.getJdbcUrl("postgres", name), "postgres", PREFIX);
    }

    @Override
    protected String connectionsNamespace(JpaTestDatabase database) {
        return "public";
    }

    /**
     * A connection's schema on PostgreSQL is its search path, of which {@code getSchema()} reads only the first schema
     * that exists: the script must leave the whole path as it found it, the connection goes back to the application's pool.
     */
    @Test
    void theScriptPutsTheConnectionsWholeSearchPathBack() throws SQLException {
        JpaTestDatabase database = newDatabase("search_path");
        createNamespace(database, "app");
        createNamespace(database, "path_sched");
        try (Connection c = database.connect()) {
            assertThat(searchPath(c)).isEqualTo("\"$user\", public"); // PostgreSQL's default

            create(c, unitSettings("path_sched"));
            assertThat(searchPath(c)).isEqualTo("\"$user\", public");

            try (Statement s = c.createStatement()) {
                s.execute("set search_path to app, public");
            }
            create(c, unitSettings("path_sched"));
            assertThat(searchPath(c)).isEqualTo("app, public");
        }
    }

    private static String searchPath(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("show search_path")) {
            r.next();
            return r.getString(1);
        }
    }
}
