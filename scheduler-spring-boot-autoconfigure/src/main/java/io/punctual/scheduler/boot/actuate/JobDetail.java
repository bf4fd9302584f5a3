package io.punctual.scheduler.boot.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One job in detail, as read from {@code GET /actuator/jobs/{id}}: the fields of {@link JobSummary}, the next
 * due times and the newest history rows first.
 *
 * @param onResume      for a paused job, what resuming it will do; else null
 * @param problem       for a job whose stored definition this node cannot read, why (see {@link JobSummary}); else absent
 * @param nextFireTimes the next due times (up to {@link JobsEndpoint#NEXT_FIRE_TIMES}), ISO-8601; none for a job whose
 *                      schedule this node cannot read
 * @param history       the newest history rows first (up to {@link JobsEndpoint#HISTORY_ROWS})
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobDetail(String id, String schedule, String zone, String startAt, String endAt, String state, int running, String nextFireTime,
                        String lastFireTime, String lastOutcome, int consecutiveFailures, List<String> tags,
                        String onResume, @JsonInclude(JsonInclude.Include.NON_NULL) String problem,
                        List<String> nextFireTimes, List<ExecutionDescriptor> history) {

    static JobDetail of(JobSummary s, List<String> nextFireTimes, List<ExecutionDescriptor> history) {
        return new JobDetail(s.id(), s.schedule(), s.zone(), s.startAt(), s.endAt(), s.state(), s.running(), s.nextFireTime(),
                s.lastFireTime(), s.lastOutcome(), s.consecutiveFailures(), s.tags(), s.onResume(), s.problem(),
                nextFireTimes, history);
    }
}
