package io.punctual.scheduler;

import java.time.Instant;

/**
 * A node sharing the scheduler's store, as the store last heard of it.
 *
 * @param id            the node's id
 * @param lastHeartbeat when it last said it was alive (the store's clock), or null when the store keeps no heartbeats
 * @param runsInFlight  runs it holds in flight
 * @param self          whether it is the node answering
 */
public record NodeInfo(String id, Instant lastHeartbeat, int runsInFlight, boolean self) {
}
