package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.store.NextFire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Wakes the other nodes on PostgreSQL: after a change that makes something claimable sooner has committed (a job
 * saved, scheduled or rescheduled, a trigger, a resume), a {@code NOTIFY} follows; every node keeps one connection
 * that {@code LISTEN}s and wakes its engine. The NOTIFY is not sent inside the change's own transaction: PostgreSQL
 * serialises the commits of notifying transactions, which would make concurrent inserts wait on each other. It is
 * sent after the commit instead (so it is never heard for a change that did not commit), from one thread, and
 * requests that arrive while one is waiting to be sent share it. A fire scheduled on one node and
 * claimed on another then starts within milliseconds, not at the next poll. Other databases poll at
 * {@code poll-interval}. The driver's {@code PGConnection} is reached by reflection, so the core has no dependency
 * on it.
 */
final class PostgresNotifications {

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final String channel;
    /** Sent with each NOTIFY: this node hears its own notifications too, and ignores them. */
    private final String sender = java.util.UUID.randomUUID().toString();
    /** Saved jobs due further ahead than this wake no other node (they look again before); null: every save wakes them. */
    private final Duration notifyWithin;
    /**
     * Whether another node has a row in the node table, as of this node's last heartbeat: a node alone wakes nobody.
     * A node that joins is woken by this one's changes from this one's next heartbeat on, and polls until then.
     */
    private volatile boolean othersAlive;
    /**
     * Whether the database is PostgreSQL: unknown (null) until a connection answers, which may be long after start-up
     * (a node may start while its database is down). On another database nothing is sent and the listener ends.
     */
    private volatile Boolean postgres;
    /**
     * The thread listening since the engine last started, or null while it is stopped. A listener that is no longer
     * this one ends: the engine may stop and start again before the old thread has noticed its stop.
     */
    private volatile Thread listener;
    /** Sends the NOTIFYs while the engine runs; null while it is stopped (nothing is sent then). */
    private volatile java.util.concurrent.ExecutorService sending;

    /** @param notifyWithin how often every node looks at the store at least (its poll interval), or null */
    PostgresNotifications(DataSource dataSource, String tablePrefix, Duration notifyWithin) {
        this.dataSource = dataSource;
        this.channel = tablePrefix + "wake";
        this.notifyWithin = notifyWithin;
    }

    /** What this node's last heartbeat found: whether another node shares the store. */
    void othersAlive(boolean alive) {
        othersAlive = alive;
    }

    /** {@link #requestWake} for a saved job whose next fire may come before the other nodes look again anyway. */
    void requestWakeFor(NextFire next, Instant now) {
        if (next != null && (notifyWithin == null || next.due().isBefore(now.plus(notifyWithin)))) {
            requestWake();
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean requested = new java.util.concurrent.atomic.AtomicBoolean();

    /** Asks for a wake-up of the other nodes, after the change has committed; requests made meanwhile share it. */
    void requestWake() {
        java.util.concurrent.ExecutorService sender = sending;
        if (sender != null && othersAlive && !Boolean.FALSE.equals(postgres) && requested.compareAndSet(false, true)) {
            try {
                sender.execute(this::send);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                requested.set(false); // stopped meanwhile: the other nodes poll
            }
        }
    }

    private void send() {
        requested.set(false);
        try (Connection c = dataSource.getConnection()) {
            if (!isPostgres(c)) {
                return;
            }
            send(c);
        } catch (Exception e) {
            log.debug("Could not wake the other nodes through '{}'; they will poll: {}", channel, e.toString());
        }
    }

    private void send(Connection c) throws java.sql.SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement("select pg_notify(?, ?)")) {
            c.setAutoCommit(true);
            s.setString(1, channel);
            s.setString(2, sender);
            s.execute();
        }
    }

    /** Finds out, on the first connection that answers, whether the database is PostgreSQL. */
    private boolean isPostgres(Connection c) throws java.sql.SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = "postgresql".equals(JpaSchema.scriptDatabase(c.getMetaData().getDatabaseProductName()));
            if (!known) {
                log.debug("The database is not PostgreSQL: no LISTEN/NOTIFY on '{}'; the nodes poll", channel);
            }
            postgres = known;
        }
        return known;
    }

    /**
     * Starts listening on a connection of its own, and sending this node's notifications; {@code onChange} runs on the
     * listening thread. Again after {@link #stop}, when the engine starts again.
     */
    synchronized void listen(Runnable onChange) {
        if (listener != null) {
            return;
        }
        requested.set(false);
        sending = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "punctual-pg-notify");
            t.setDaemon(true);
            return t;
        });
        Thread thread = new Thread(() -> run(onChange), "punctual-pg-listen");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    /** Stops listening and sending, until {@link #listen} starts them again. */
    synchronized void stop() {
        if (sending != null) {
            sending.shutdown();
            sending = null;
        }
        Thread thread = listener;
        listener = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether the calling thread is the listener of the engine's current start. */
    private boolean listening() {
        return listener == Thread.currentThread();
    }

    private boolean fromOthers(Object[] notes, Method parameter) throws ReflectiveOperationException {
        for (Object note : notes) {
            if (!sender.equals(parameter.invoke(note))) {
                return true;
            }
        }
        return false;
    }

    private void run(Runnable onChange) {
        long backoff = 100;
        while (listening()) {
            try (Connection c = dataSource.getConnection()) {
                if (!isPostgres(c)) {
                    return; // another database: nothing to listen to
                }
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                Object pg = c.unwrap(Class.forName("org.postgresql.PGConnection"));
                Method poll = pg.getClass().getMethod("getNotifications", int.class);
                poll.setAccessible(true);
                Method parameter = Class.forName("org.postgresql.PGNotification").getMethod("getParameter");
                backoff = 100;
                onChange.run(); // anything sent while this node was not listening
                while (listening()) {
                    Object[] notes = (Object[]) poll.invoke(pg, WAIT_MILLIS);
                    if (notes != null && fromOthers(notes, parameter)) {
                        onChange.run();
                    }
                }
            } catch (Exception e) {
                if (!listening()) {
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
