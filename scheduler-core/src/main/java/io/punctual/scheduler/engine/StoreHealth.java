package io.punctual.scheduler.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Whether one store answers. Logs one ERROR when an outage starts and one INFO when it ends, and spaces out
 * attempts while it lasts: doubling from 100 ms up to the poll interval. Also knows since when the store has
 * answered without a break, which decides whether this node may judge other nodes' silence. Thread-safe.
 */
final class StoreHealth {

    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final String store;
    private final Duration maxBackoff;
    private volatile boolean reachable = true;
    private Duration backoff = FIRST_BACKOFF;
    private Instant outageStart;
    private Instant retryAt = Instant.MIN;
    private Instant answeringSince;

    StoreHealth(String store, Duration maxBackoff) {
        this.store = store;
        this.maxBackoff = maxBackoff;
    }

    boolean reachable() {
        return reachable;
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
            log.info("Store '{}' is reachable again after {}; catching up", store, Duration.between(outageStart, now));
        }
        if (answeringSince == null) {
            answeringSince = now;
        }
        reachable = true;
        backoff = FIRST_BACKOFF;
    }

    /** Records a failure and returns when to try again. */
    synchronized Instant failed(Throwable error, Instant now) {
        if (reachable) {
            outageStart = now;
            log.error("Store '{}' is unreachable; the scheduler keeps running and retries with backoff: {}", store,
                    error == null ? "outcomes are waiting" : error.toString());
            log.debug("Store '{}' failure", store, error);
        }
        reachable = false;
        answeringSince = null;
        retryAt = now.plus(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
        return retryAt;
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
