package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.NodeInfo;
import io.punctual.scheduler.SchedulerInfo;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** The front page: the scheduler, the filters and every job that passes them. */
final class JobListView {

    private JobListView() {
    }

    static String render(View view, SchedulerInfo info, List<NodeInfo> nodes, List<JobInfo> all, JobFilter filter, String notice) {
        List<JobInfo> shown = all.stream().filter(filter::matches).toList();
        StringBuilder html = new StringBuilder(8192);
        html.append("<h1>Jobs</h1>");
        if (notice != null) {
            html.append("<p class=\"notice\" role=\"status\">").append(Html.esc(notice)).append("</p>");
        }
        html.append(SchedulerPanel.render(view, info, nodes));
        filters(html, view, all, filter);
        html.append("<div id=\"jobs\" data-live><p class=\"count\">").append(shown.size()).append(" of ").append(all.size()).append(" jobs</p>");
        html.append("<table class=\"jobs\"><thead><tr><th>Job</th><th>State</th><th>Schedule</th><th>Zone</th>")
                .append("<th>Next fire</th><th>Last run</th><th title=\"consecutive failures\">Failures</th>")
                .append("<th>Running</th><th>Tags</th>").append(view.canAct() ? "<th>Actions</th>" : "")
                .append("</tr></thead><tbody>");
        for (JobInfo job : shown) {
            row(html, view, job);
        }
        if (shown.isEmpty()) {
            html.append("<tr><td colspan=\"10\" class=\"none\">No job matches these filters.</td></tr>");
        }
        html.append("</tbody></table></div>");
        return html.toString();
    }

    private static void filters(StringBuilder html, View view, List<JobInfo> all, JobFilter filter) {
        SortedSet<String> tags = new TreeSet<>();
        all.forEach(j -> tags.addAll(j.tags()));
        html.append("<form method=\"get\" action=\"").append(Html.esc(view.base())).append("\" class=\"filters\" role=\"search\">")
                .append("<label>Text <input type=\"search\" name=\"q\" value=\"").append(Html.esc(filter.text()))
                .append("\" placeholder=\"id or schedule\"></label>")
                .append("<label>State <select name=\"state\"><option value=\"\">any</option>");
        for (JobState state : JobState.values()) {
            option(html, state.word(), state.word().equals(filter.state()));
        }
        html.append("</select></label><label>Tag <select name=\"tag\"><option value=\"\">any</option>");
        for (String tag : tags) {
            option(html, tag, tag.equals(filter.tag()));
        }
        html.append("</select></label><button type=\"submit\">Filter</button>");
        if (!filter.isEmpty()) {
            html.append(" <a href=\"").append(Html.esc(view.base())).append("\">Clear</a>");
        }
        html.append("</form>");
        if (filter.tag() != null && view.canAct()) {
            String tag = filter.tag();
            html.append("<p class=\"tag-actions\">All jobs tagged <b>").append(Html.esc(tag)).append("</b>: ")
                    .append(view.actionForm(DashboardAction.PAUSE_TAG, tag, "warn"))
                    .append(view.actionForm(DashboardAction.RESUME_TAG, tag, ""))
                    .append("</p>");
        }
    }

    static String lastRun(View view, JobInfo job) {
        String outcome = Badges.outcome(job.lastOutcome());
        return job.lastFireTime() == null ? outcome : outcome + " " + Times.element(job.lastFireTime(), view.now());
    }

    private static void option(StringBuilder html, String value, boolean selected) {
        html.append("<option value=\"").append(Html.esc(value)).append('"').append(selected ? " selected" : "")
                .append('>').append(Html.esc(value)).append("</option>");
    }

    private static void row(StringBuilder html, View view, JobInfo job) {
        html.append("<tr data-job=\"").append(Html.esc(job.id())).append("\">")
                .append("<td><a class=\"job\" href=\"").append(Html.esc(view.jobUrl(job.id()))).append("\">")
                .append(Html.esc(job.id())).append("</a></td>")
                .append("<td>").append(Badges.state(job.state())).append("</td>")
                .append("<td>").append(Html.esc(ScheduleWords.describe(job.schedule())))
                .append("<br><code>").append(Html.esc(job.schedule())).append("</code>")
                .append(job.problem() == null ? "" : "<div class=\"problem\">" + Html.esc(job.problem()) + "</div>")
                .append("</td>")
                .append("<td>").append(job.zone() == null ? "<span class=\"none\">–</span>" : Html.esc(job.zone())).append("</td>")
                .append("<td>").append(Times.element(job.nextFireTime(), view.now())).append("</td>")
                .append("<td>").append(lastRun(view, job)).append("</td>")
                .append("<td class=\"num").append(job.consecutiveFailures() > 0 ? " bad" : "").append("\">")
                .append(job.consecutiveFailures()).append("</td>")
                .append("<td class=\"num\">").append(job.running()).append("</td><td>");
        for (String tag : new TreeSet<>(job.tags())) {
            html.append("<a class=\"tag\" href=\"").append(Html.esc(view.base() + "?tag=" + Html.param(tag))).append("\">")
                    .append(Html.esc(tag)).append("</a> ");
        }
        html.append("</td>");
        if (view.canAct()) {
            html.append("<td class=\"actions\">").append(JobActionsHtml.buttons(view, job)).append("</td>");
        }
        html.append("</tr>");
    }
}
