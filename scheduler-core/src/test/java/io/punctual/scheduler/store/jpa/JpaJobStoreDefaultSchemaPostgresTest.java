package io.punctual.scheduler.store.jpa;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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
}
