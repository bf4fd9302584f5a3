package io.punctual.scheduler;

/**
 * The scheduler as a whole.
 *
 * @param state   {@code created}, {@code running}, {@code stopping} or {@code stopped}
 * @param node    this node's id
 * @param store   the store's name, e.g. {@code memory} or {@code jpa}
 * @param storeReachable whether the store answered the last time the engine asked it
 * @param runningOnThisNode runs in flight on this node
 */
public record SchedulerInfo(String state, String node, String store, boolean storeReachable, int runningOnThisNode) {
}
