package io.punctual.scheduler.engine;

import io.punctual.scheduler.StoreStatus;
import io.punctual.scheduler.store.StoreErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Whether one store answers. Logs one ERROR when an outage starts and one INFO when it ends, and spaces out
 * attempts while it lasts: doubling from 100 ms up to the poll interval. Also knows since when the store has
 * answered without a break, which decides whether this node may judge other nodes' silence. Thread-safe.
 *
 * <p><b>What kind of failure.</b> Every failure of a store call gets the same backoff, but not the same words: the
 * operator of a store that {@linkplain StoreStatus#UNREACHABLE cannot be reached} looks at the network and the database
 * server, the operator of one that {@linkplain StoreStatus#REFUSING answers and refuses} the scheduler's statements
 * (a schema that does not match, a permission revoked, a bug in a statement) looks at the schema and the grants.
 * {@link StoreErrors#status} tells which: a failure with no answer of the database's in it is taken for unreachable, as
 * all were before. A {@linkplain StoreErrors#isTransient transient} failure (a deadlock, a serialization failure, a lock
 * timeout) is the database working as meant, and the next try passes: one WARN, and the store still shows as it did.
 * When the kind changes during one outage (the database comes back with a schema it refuses), that is logged too.
 */
final class StoreHealth {

    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    /** What operators see of the store: its status, and the database's message for a failure. */
    record Shown(StoreStatus status, String error) {
        static final Shown REACHABLE = new Shown(StoreStatus.REACHABLE, null);
    }

    private final String store;
    private final Duration maxBackoff;
    /** Whether the store took the last call; false from any failure until the next answer, transient ones too (backoff). */
    private volatile boolean reachable = true;
    private volatile Shown shown = Shown.REACHABLE;
    private Duration backoff = FIRST_BACKOFF;
    private Instant outageStart;
    private Instant retryAt = Instant.MIN;
    private Instant answeringSince;

    StoreHealth(String store, Duration maxBackoff) {
        this.store = store;
        this.maxBackoff = maxBackoff;
    }

    /** Whether the store took the last call; false while a failure's backoff runs, whatever its kind. */
    boolean reachable() {
        return reachable;
    }

    /** What operators see: reachable, unreachable or refusing, with the database's message. */
    Shown shown() {
        return shown;
    }

    /** Whether the next attempt may be made at {@code now}, or the outage's backoff still runs. */
    synchronized boolean mayTry(Instant now) {
        return reachable || !now.isBefore(retryAt);
    }

    synchronized Instant retryAt() {
        return retryAt;
    }

    /** Records an answer; {@code now} is read only when the store was not answering before (not on every claim). */
    synchronized void succeeded(Supplier<Instant> clock) {
        if (reachable && answeringSince != null) {
            return;
        }
        Instant now = clock.get();
        if (!reachable) {
            Duration lasted = Duration.between(outageStart, now);
            switch (shown.status()) {
                case UNREACHABLE -> log.info("Store '{}' is reachable again after {}; catching up", store, lasted);
                case REFUSING -> log.info("Store '{}' is answering again: it took the scheduler's statements after refusing"
                        + " them for {}; catching up", store, lasted);
                case REACHABLE -> log.debug("Store '{}' answers again after a transient failure", store);
            }
        }
        if (answeringSince == null) {
            answeringSince = now;
        }
        reachable = true;
        shown = Shown.REACHABLE;
        backoff = FIRST_BACKOFF;
    }

    /**
     * Records a failure and returns when to try again.
     *
     * @param doing what the engine asked the store, for the log, e.g. {@code claiming due fires}
     */
    synchronized Instant failed(Throwable error, Instant now, String doing) {
        if (reachable) {
            outageStart = now;
        }
        report(error, doing);
        reachable = false;
        answeringSince = null;
        retryAt = now.plus(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
        return retryAt;
    }

    /**
     * Logs a failure when it starts an outage or changes its kind, and updates what operators see: each kind is logged
     * once, however long it lasts. A transient failure leaves what is shown as it was (during an outage or a refusal, it
     * says nothing new about either).
     */
    private void report(Throwable error, String doing) {
        String message = StoreErrors.message(error);
        if (StoreErrors.isTransient(error) && !StoreErrors.isUnavailable(error)) {
            if (reachable) {
                log.warn("Store '{}' failed a statement while {} with a transient error ({}); trying again with backoff",
                        store, doing, message);
            }
            return;
        }
        StoreStatus status = StoreErrors.status(error);
        if (status != shown.status()) {
            if (status == StoreStatus.REFUSING) {
                log.error("Store '{}' refused the scheduler's statement while {}: {}. The database answered, so it is up: it"
                        + " refuses the statement, likely because its schema does not match this version of Punctual (a"
                        + " table or column missing or of another type) or a permission is missing. The scheduler keeps"
                        + " running and retries with backoff; nothing is lost meanwhile", store, doing, message);
            } else {
                log.error("Store '{}' is unreachable (while {}); the scheduler keeps running and retries with backoff: {}",
                        store, doing, error == null ? "(no error)" : error.toString());
            }
            log.debug("Store '{}' failure", store, error);
        }
        shown = new Shown(status, message);
    }

    /**
     * The scheduler starts again after a stop: its first attempt is made at once, and the store counts as answering
     * only from its next answer on. While stopped, this node did not look: a store outage meanwhile silenced the other
     * nodes too, and taking their silence for death at once would declare live nodes lost. Whether the store was
     * reachable when last asked stays, so an outage that began before the stop still ends with its INFO line.
     */
    synchronized void restart() {
        answeringSince = null;
        backoff = FIRST_BACKOFF;
        retryAt = Instant.MIN;
    }

    /**
     * Whether the store has answered every attempt for at least {@code span} up to {@code now}: only then may this
     * node take other nodes' silence for death, since during its own outage it could not see their heartbeats.
     */
    synchronized boolean answeredThroughout(Duration span, Instant now) {
        return reachable && answeringSince != null && !answeringSince.plus(span).isAfter(now);
    }
}
