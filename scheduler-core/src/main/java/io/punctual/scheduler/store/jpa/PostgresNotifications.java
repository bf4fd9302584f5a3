package io.punctual.scheduler.store.jpa;

import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * Wakes the other nodes on PostgreSQL: a change that makes something claimable sooner (a job saved, scheduled or
 * rescheduled, a trigger, a resume) sends {@code NOTIFY} in its own transaction, so it is heard only if it commits;
 * every node keeps one connection that {@code LISTEN}s and wakes its engine. A fire scheduled on one node and
 * claimed on another then starts within milliseconds, not at the next poll. Other databases poll at
 * {@code poll-interval}. The driver's {@code PGConnection} is reached by reflection, so the core has no dependency
 * on it.
 */
final class PostgresNotifications {

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final String channel;
    private volatile boolean stopped;
    private Thread listener;

    PostgresNotifications(DataSource dataSource, String tablePrefix) {
        this.dataSource = dataSource;
        this.channel = tablePrefix + "wake";
    }

    /** Sends the wake-up inside the caller's transaction. */
    void send(EntityManager em) {
        em.createNativeQuery("select pg_notify(?1, '')").setParameter(1, channel).getSingleResult();
    }

    /** Starts listening on a connection of its own; {@code onChange} runs on the listening thread. */
    synchronized void listen(Runnable onChange) {
        if (listener != null) {
            return;
        }
        listener = new Thread(() -> run(onChange), "punctual-pg-listen");
        listener.setDaemon(true);
        listener.start();
    }

    synchronized void stop() {
        stopped = true;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void run(Runnable onChange) {
        long backoff = 100;
        while (!stopped) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                Object pg = c.unwrap(Class.forName("org.postgresql.PGConnection"));
                Method poll = pg.getClass().getMethod("getNotifications", int.class);
                poll.setAccessible(true);
                backoff = 100;
                onChange.run(); // anything sent while this node was not listening
                while (!stopped) {
                    Object[] notes = (Object[]) poll.invoke(pg, WAIT_MILLIS);
                    if (notes != null && notes.length > 0) {
                        onChange.run();
                    }
                }
            } catch (Exception e) {
                if (stopped) {
                    return;
                }
                log.debug("Listening for '{}' failed; trying again in {} ms: {}", channel, backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, Duration.ofSeconds(5).toMillis());
            }
        }
    }
}
