package io.punctual.scheduler.store.jpa;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * LISTEN/NOTIFY finds out whether the database is PostgreSQL when a connection first answers, not when it is configured:
 * a node that starts while its database is down still hears the other nodes once it is up, and on another database the
 * listener ends instead of failing at LISTEN every few seconds for as long as the node runs.
 */
class PostgresNotificationsTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aNodeConfiguredWhileTheDatabaseIsDownListensOnceItIsUp() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
        int port = postgres.getPort();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.getJdbcUrl("postgres", "postgres"));
        postgres.close();

        PostgresNotifications notifications = new PostgresNotifications(dataSource, "punctual_", null);
        AtomicInteger changes = new AtomicInteger();
        notifications.listen(changes::incrementAndGet);
        try {
            // the listener tries and fails while the database is down, and reports no change
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> changes.get() == 0);

            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port).start();
            // once listening it looks at the store once, for anything sent while it was not
            await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() >= 1);
            int before = changes.get();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("NOTIFY punctual_wake, 'another-node'");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() > before);
        } finally {
            notifications.stop();
            postgres.close();
        }
    }

    /** A scheduler stopped and started again (Spring's {@code context.stop()} and {@code start()}) hears the other nodes again. */
    @Test
    void afterAStopItListensAgain() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).start()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(postgres.getJdbcUrl("postgres", "postgres"));
            PostgresNotifications notifications = new PostgresNotifications(dataSource, "punctual_", null);
            AtomicInteger changes = new AtomicInteger();
            notifications.listen(changes::incrementAndGet);
            await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() >= 1); // listening: it looked once
            notifications.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> !listenerAlive());

            AtomicInteger again = new AtomicInteger();
            notifications.listen(again::incrementAndGet);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> again.get() >= 1);
                int before = again.get();
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("NOTIFY punctual_wake, 'another-node'");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> again.get() > before);
                assertThat(changes).as("the listener of before the stop is gone").hasValue(1);
            } finally {
                notifications.stop();
            }
        }
    }

    @Test
    void onAnotherDatabaseTheListenerEnds() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:notifications-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        PostgresNotifications notifications = new PostgresNotifications(h2, "punctual_", null);
        AtomicInteger changes = new AtomicInteger();
        try {
            notifications.othersAlive(true);
            notifications.listen(changes::incrementAndGet);
            await().atMost(Duration.ofSeconds(30)).until(() -> !listenerAlive());
            assertThat(changes).hasValue(0);
            notifications.requestWake(); // a no-op now that the database is known: it neither throws nor logs
        } finally {
            notifications.stop();
        }
    }

    private static boolean listenerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("punctual-pg-listen") && t.isAlive());
    }
}
