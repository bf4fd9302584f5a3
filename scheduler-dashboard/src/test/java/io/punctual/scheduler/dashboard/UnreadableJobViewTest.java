package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.NodeInfo;
import io.punctual.scheduler.SchedulerInfo;
import io.punctual.scheduler.SchedulerState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job whose stored definition this node cannot read (no definition, a problem) is listed and has its page: the state
 * badge, the stored schedule and the problem instead of its policies, and no action buttons.
 */
class UnreadableJobViewTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");
    private static final String PROBLEM = "Job 'report' cannot be read from the store (column schedule_zone): zone ="
            + " 'Mars/Olympus' is invalid. Allowed: a region id such as Europe/Berlin <or> UTC.";
    private static final JobInfo REPORT = new JobInfo("report", "cron 0 0 7 * * *", "Mars/Olympus", JobState.UNREADABLE, 0,
            NOW.plusSeconds(60), null, null, 0, Set.of("reports"), null, PROBLEM);
    private static final View VIEW = new View("/punctual", NOW, "", true, true, "ada", 0);

    @Test
    void theJobPageShowsTheProblemInsteadOfThePolicies() {
        String html = JobPageView.render(VIEW, REPORT, List.of(), List.of(), null);

        assertThat(html).contains("<span class=\"badge state-unreadable\">unreadable</span>")
                .contains("<code>cron 0 0 7 * * *</code>").contains("Mars/Olympus")
                .contains("<h2>Definition</h2><p class=\"problem\">" + Html.esc(PROBLEM) + "</p>")
                .doesNotContain("<h2>Policies</h2>").doesNotContain("<form");
    }

    @Test
    void theListShowsItWithTheProblemAndCanFilterItsState() {
        String html = JobListView.render(VIEW, new SchedulerInfo(SchedulerState.RUNNING, "n1", "jpa", true, 0),
                List.of(new NodeInfo("n1", NOW, 0, true)), List.of(REPORT), new JobFilter(null, "unreadable", null), null);

        assertThat(html).contains("<option value=\"unreadable\" selected>unreadable</option>")
                .contains("<tr data-job=\"report\">").contains("<div class=\"problem\">" + Html.esc(PROBLEM) + "</div>")
                .doesNotContain("<form method=\"post\" action=\"/punctual/action\" class=\"inline\" data-confirm=\"Trigger");
    }
}
