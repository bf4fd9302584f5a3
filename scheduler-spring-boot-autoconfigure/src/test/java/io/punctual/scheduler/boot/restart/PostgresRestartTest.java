package io.punctual.scheduler.boot.restart;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** Restarts against a real PostgreSQL, started from Maven, whose sessions run in a non-UTC zone. */
class PostgresRestartTest extends RestartTestBase {

    static EmbeddedPostgres postgres;
    static final Set<String> created = new HashSet<>();

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().setServerConfig("timezone", "Pacific/Chatham").start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Override
    String[] database(String name) {
        if (created.add(name)) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return new String[] {"spring.datasource.url=" + postgres.getJdbcUrl("postgres", name),
                "spring.datasource.username=postgres", "spring.datasource.password="};
    }
}
