package io.punctual.scheduler.engine;

import java.time.Duration;

/**
 * Tuning of the engine.
 *
 * @param nodeId            this node's name in the store and in history
 * @param pollInterval      upper bound on how long the engine sleeps without looking at the store
 * @param shutdownAwait     how long runs in flight may take to finish on close before they are interrupted
 * @param heartbeatInterval how often this node records that it is alive
 * @param nodeTimeout       silence after which a node is declared lost
 * @param historyRetention  history rows older than this are deleted
 * @param workers           how many runs this node takes at once
 * @param queueCapacity     how many fires it claims beyond its free workers, to wait in its queue for one
 * @param storeClock        whether a store with a clock of its own (a database) decides what is due by that clock
 * @param realTime          whether runs take real time the engine's clock does not own (any clock but a test's
 *                          {@code MutableClock}): then the queue is bounded by recent run times too (see {@link Slots})
 */
record EngineSettings(String nodeId, Duration pollInterval, Duration shutdownAwait, Duration heartbeatInterval,
                      Duration nodeTimeout, Duration historyRetention, int workers, int queueCapacity,
                      boolean storeClock, boolean realTime) {

    /** How many fires this node holds at once, running or waiting for a worker: it never claims more than are free. */
    Slots slots() {
        return new Slots(workers, queueCapacity, realTime);
    }
}
