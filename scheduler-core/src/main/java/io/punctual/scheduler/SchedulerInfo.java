package io.punctual.scheduler;

/**
 * The scheduler as a whole.
 *
 * @param state   where the scheduler is in its life; {@link SchedulerState#word()} is how the endpoint shows it
 * @param node    this node's id
 * @param store   the store's name, e.g. {@code memory} or {@code jpa}
 * @param storeReachable whether the store took the engine's last call: false while it is unreachable and while it
 *                refuses the scheduler's statements ({@code storeStatus} tells which)
 * @param runningOnThisNode runs in flight on this node
 * @param storeStatus whether the store takes the engine's calls, cannot be reached, or answers and refuses them
 * @param storeError  the database's message for the failure that made the store unreachable or refusing (its latest
 *                    one); null while the store is reachable
 */
public record SchedulerInfo(SchedulerState state, String node, String store, boolean storeReachable, int runningOnThisNode,
                            StoreStatus storeStatus, String storeError) {

    /** {@code storeReachable} is {@code storeStatus} seen as a yes or no, kept for those that read it. */
    public SchedulerInfo {
        if (storeStatus == null) {
            throw new IllegalArgumentException("storeStatus is required");
        }
        if (storeReachable != (storeStatus == StoreStatus.REACHABLE)) {
            throw new IllegalArgumentException("storeReachable " + storeReachable + " contradicts storeStatus " + storeStatus);
        }
    }

    /** The scheduler as it was described before {@link #storeStatus}: an unreachable store, or a reachable one. */
    public SchedulerInfo(SchedulerState state, String node, String store, boolean storeReachable, int runningOnThisNode) {
        this(state, node, store, storeReachable, runningOnThisNode,
                storeReachable ? StoreStatus.REACHABLE : StoreStatus.UNREACHABLE, null);
    }
}
