package io.punctual.scheduler.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Tracks whether the store answers. Logs once when an outage starts and once when it ends, and spaces
 * out attempts while it lasts: doubling from 100 ms up to the poll interval.
 */
final class StoreHealth {

    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final Duration maxBackoff;
    private volatile boolean reachable = true;
    private Duration backoff = FIRST_BACKOFF;
    private Instant outageStart;

    StoreHealth(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    boolean reachable() {
        return reachable;
    }

    synchronized void succeeded(String store, Instant now) {
        if (!reachable) {
            log.info("Store '{}' is reachable again after {}; catching up", store, Duration.between(outageStart, now));
        }
        reachable = true;
        backoff = FIRST_BACKOFF;
    }

    /** Records a failure and returns when to try again. */
    synchronized Instant failed(String store, RuntimeException error, Instant now) {
        if (reachable) {
            outageStart = now;
            log.error("Store '{}' is unreachable; the scheduler keeps running and retries with backoff", store, error);
        }
        reachable = false;
        Instant retryAt = now.plus(backoff);
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        return retryAt;
    }
}
