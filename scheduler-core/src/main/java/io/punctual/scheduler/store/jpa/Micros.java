package io.punctual.scheduler.store.jpa;

import java.time.Instant;

/**
 * Instants as microseconds since the epoch, the form every timestamp takes in the JPA store's tables: a
 * {@code BIGINT} is in UTC by construction, whatever the JVM's or the database session's time zone, compares
 * and indexes like a number on every database, and round-trips the microseconds of the engine's clock.
 * Digits below the microsecond are dropped (rounded towards the past).
 */
final class Micros {

    private Micros() {
    }

    static Long of(Instant instant) {
        if (instant == null) {
            return null;
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant " + instant + " is out of the store's range (about 292,000 years around 1970)", e);
        }
    }

    static Instant toInstant(Long micros) {
        if (micros == null) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
