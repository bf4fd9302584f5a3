package io.punctual.scheduler.store.jpa;

import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the database's clock, as microseconds since the epoch computed by the database itself, so that neither
 * the JVM's nor the session's time zone enters. Each database spells it differently; the first form that the
 * database answers is kept. Thread-safe.
 */
final class DatabaseTime {

    /** PostgreSQL and H2 (EXTRACT EPOCH of a zoned timestamp), then MySQL and MariaDB (UNIX_TIMESTAMP). */
    private static final List<String> QUERIES = List.of(
            "select cast(extract(epoch from current_timestamp) * 1000000 as bigint)",
            "select cast(unix_timestamp(now(6)) * 1000000 as signed)");

    private volatile int known = -1;
    private volatile boolean none;

    Optional<Instant> read(EntityManager em) {
        if (none) {
            return Optional.empty();
        }
        if (known >= 0) {
            return Optional.of(query(em, QUERIES.get(known)));
        }
        return detect(em);
    }

    private Optional<Instant> detect(EntityManager em) {
        for (int i = 0; i < QUERIES.size(); i++) {
            try {
                Instant t = query(em, QUERIES.get(i));
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

    private static Instant query(EntityManager em, String sql) {
        return Micros.toInstant(((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
