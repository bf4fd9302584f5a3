package io.punctual.scheduler.boot.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.punctual.scheduler.ExecutionRecord;

import static io.punctual.scheduler.boot.actuate.JobSummary.iso;

/**
 * One history row of a job, as shown by {@code GET /actuator/jobs/{id}}; see {@link ExecutionRecord}.
 *
 * @param durationMs milliseconds from start to end; null for fires that did not run
 * @param count      how many fires the row stands for: 1 unless a summary row
 * @param error      exception class and message of a failure
 * @param detail     the span of due times of a summary row, the reason of a skip
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExecutionDescriptor(String executionId, String scheduledTime, String startTime, String endTime,
                                  Long durationMs, String outcome, String node, int attempt, long count, String error,
                                  String detail) {

    static ExecutionDescriptor of(ExecutionRecord r) {
        return new ExecutionDescriptor(r.executionId(), iso(r.scheduledTime()), iso(r.startTime()), iso(r.endTime()),
                r.durationMs(), r.outcome().word(), r.node(), r.attempt(), r.count(), r.error(), r.detail());
    }
}
