package io.punctual.scheduler.boot.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.punctual.scheduler.SchedulerInfo;

import java.util.List;

/**
 * What {@code GET /actuator/jobs} answers: the scheduler and every job in id order.
 *
 * @param scheduler the scheduler's state, node id and store
 * @param jobs      every job, in id order
 */
public record JobsDescriptor(SchedulerDescriptor scheduler, List<JobSummary> jobs) {

    /**
     * The scheduler as a whole.
     *
     * @param state {@code created}, {@code running}, {@code stopping} or {@code stopped}
     * @param node  this node's id
     * @param store the store's name, e.g. {@code memory} or {@code jpa}
     * @param storeStatus {@code reachable}, {@code unreachable} or {@code refusing}: the database answers and refuses
     *              the scheduler's statements (likely its schema or its grants)
     * @param storeError  the database's message while the store is unreachable or refusing; absent while it is reachable
     */
    public record SchedulerDescriptor(String state, String node, String store, String storeStatus,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) String storeError) {

        static SchedulerDescriptor of(SchedulerInfo info) {
            return new SchedulerDescriptor(info.state().word(), info.node(), info.store(), info.storeStatus().word(),
                    info.storeError());
        }
    }
}
