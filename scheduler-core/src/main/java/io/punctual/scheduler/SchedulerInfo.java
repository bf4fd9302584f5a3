package io.punctual.scheduler;

/**
 * The scheduler as a whole.
 *
 * @param state   where the scheduler is in its life; {@link SchedulerState#word()} is how the endpoint shows it
 * @param node    this node's id
 * @param store   the store's name, e.g. {@code memory} or {@code jpa}
 * @param storeReachable whether the store answered the last time the engine asked it
 * @param runningOnThisNode runs in flight on this node
 */
public record SchedulerInfo(SchedulerState state, String node, String store, boolean storeReachable, int runningOnThisNode) {
}
