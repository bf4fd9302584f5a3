package io.punctual.scheduler.boot.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.punctual.scheduler.JobInfo;

import java.time.Instant;
import java.util.List;

/**
 * One job as listed by the {@code jobs} endpoint (SPEC §6). Times are ISO-8601 strings, states and outcomes
 * lower-case words; absent values are written as {@code null} so that every field is always there.
 *
 * @param id                  the job id
 * @param schedule            e.g. {@code cron 0 *&#47;5 * * * *} or {@code fixedRate PT10S}
 * @param zone                the zone of a cron or local one-time schedule, else null
 * @param startAt             no fire before this instant ({@code startAt} of the job); null when not set
 * @param endAt               no fire after this instant ({@code endAt} of the job); null when not set
 * @param state               {@code scheduled}, {@code paused}, {@code disabled}, {@code completed}, {@code orphaned} or
 *                            {@code unreadable}
 * @param running             runs in flight
 * @param nextFireTime        when the next fire is due
 * @param lastFireTime        when the last run started
 * @param lastOutcome         the outcome of the last run
 * @param consecutiveFailures failed runs since the last success
 * @param tags                the job's tags, sorted
 * @param onResume            for a paused job, what resuming it will do (its missed fires and their policy); else null
 * @param problem             for a job whose stored definition this node cannot read (state {@code unreadable}), why:
 *                            the column, its value and what is allowed; {@code schedule} and {@code zone} are then the
 *                            stored text. Absent for every other job
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobSummary(String id, String schedule, String zone, String startAt, String endAt, String state, int running, String nextFireTime,
                         String lastFireTime, String lastOutcome, int consecutiveFailures, List<String> tags,
                         String onResume, @JsonInclude(JsonInclude.Include.NON_NULL) String problem) {

    static JobSummary of(JobInfo job) {
        return of(job, null);
    }

    static JobSummary of(JobInfo job, String onResume) {
        return new JobSummary(job.id(), job.schedule(), job.zone(), iso(job.startAt()), iso(job.endAt()),
                job.state().word(), job.running(),
                iso(job.nextFireTime()), iso(job.lastFireTime()),
                job.lastOutcome() == null ? null : job.lastOutcome().word(), job.consecutiveFailures(),
                job.tags().stream().sorted().toList(), onResume, job.problem());
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
