package io.punctual.scheduler.store.jpa;

import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the database's clock, as microseconds since the epoch computed by the database itself, so that neither
 * the JVM's nor the session's time zone enters. Each database spells it differently; the first form that the
 * database answers is kept. Thread-safe.
 *
 * <p>A reading is the clock at the moment the statement ran, paired with this JVM's {@link System#nanoTime} when its
 * answer arrived ({@link Reading#at}): the caller adds what passed since then, so the time it uses is not behind by the
 * rest of the transaction (its commit, the provider's work, a pause), only by the answer's way back. On PostgreSQL that
 * moment is {@code clock_timestamp()}, the statement's own time; {@code current_timestamp} is the transaction's start,
 * earlier still.
 */
final class DatabaseTime {

    /**
     * PostgreSQL ({@code clock_timestamp()}), then H2 (EXTRACT EPOCH of a zoned timestamp), then MySQL and MariaDB
     * (UNIX_TIMESTAMP).
     */
    private static final List<String> QUERIES = List.of(
            "select cast(extract(epoch from clock_timestamp()) * 1000000 as bigint)",
            "select cast(extract(epoch from current_timestamp) * 1000000 as bigint)",
            "select cast(unix_timestamp(now(6)) * 1000000 as signed)");

    /** The databases with a schema script ({@link JpaSchema#scriptDatabase}), in the order of {@link #QUERIES}. */
    private static final List<String> DATABASES = List.of("postgresql", "h2", "mysql");

    /** The database's clock when it answered, and {@link System#nanoTime} on arrival of the answer. */
    record Reading(Instant time, long at) {

        /** The database's clock now, by this JVM's monotonic time since the answer: never ahead of it. */
        Instant now() {
            return time.plusNanos(Math.max(0, System.nanoTime() - at));
        }
    }

    private volatile int known = -1;
    private volatile boolean none;

    /** @param script the database's schema script ({@link DatabaseFacts#script}), null when the store has none for it */
    Optional<Reading> read(EntityManager em, String script) {
        if (none) {
            return Optional.empty();
        }
        if (known >= 0) {
            return Optional.of(query(em, QUERIES.get(known)));
        }
        return detect(em, script);
    }

    /**
     * The query of a database the store has a script for, chosen by that script ({@link DatabaseFacts#script}); any other
     * is asked each spelling in turn. Not by trial on the databases it knows: the provider logs a WARN for each statement
     * the database rejects, and every start on H2 showed two of them for PostgreSQL's {@code clock_timestamp()}.
     */
    private Optional<Reading> detect(EntityManager em, String script) {
        int byName = DATABASES.indexOf(script);
        if (byName >= 0) {
            Reading t = query(em, QUERIES.get(byName));
            known = byName;
            return Optional.of(t);
        }
        for (int i = 0; i < QUERIES.size(); i++) {
            try {
                Reading t = query(em, QUERIES.get(i));
                known = i;
                return Optional.of(t);
            } catch (RuntimeException e) {
                if (JpaErrors.isUnavailable(e)) {
                    throw JpaErrors.translate(e);
                }
                // not this database's spelling: a failed statement may spoil the transaction, so try the next in a new one
                em.getTransaction().rollback();
                em.getTransaction().begin();
            }
        }
        none = true;
        return Optional.empty();
    }

    private static Reading query(EntityManager em, String sql) {
        long micros = ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
        return new Reading(Micros.toInstant(micros), System.nanoTime());
    }
}
