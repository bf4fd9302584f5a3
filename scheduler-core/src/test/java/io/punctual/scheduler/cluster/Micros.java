package io.punctual.scheduler.cluster;

import java.time.Instant;

/** Instants as microseconds since the epoch, the unit of the evidence table and of the store's time columns. */
final class Micros {

    private Micros() {
    }

    static long of(Instant instant) {
        return Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1_000;
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
