package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** One job: its summary, policies, next fire times, a chart of recent runs and its history. */
final class JobPageView {

    private JobPageView() {
    }

    static String render(View view, JobInfo job, List<Instant> next, List<ExecutionRecord> history, String notice) {
        StringBuilder html = new StringBuilder(16384);
        html.append("<p class=\"crumbs\"><a href=\"").append(Html.esc(view.base())).append("\">Jobs</a> /</p>")
                .append("<div id=\"job\" data-live><h1><span class=\"job-id\">").append(Html.esc(job.id())).append("</span> ")
                .append(Badges.state(job.state())).append("</h1>");
        if (notice != null) {
            html.append("<p class=\"notice\" role=\"status\">").append(Html.esc(notice)).append("</p>");
        }
        if (view.canAct()) {
            html.append("<p class=\"actions\">").append(JobActionsHtml.buttons(view, job)).append("</p>");
        }
        html.append("<div class=\"columns\"><section><h2>Summary</h2><dl class=\"facts\">")
                .append(fact("Schedule", Html.esc(ScheduleWords.describe(job.schedule())) + "<br><code>"
                        + Html.esc(job.schedule()) + "</code>"))
                .append(fact("Zone", job.zone() == null ? "–" : Html.esc(job.zone())))
                .append(fact("Next fire", Times.element(job.nextFireTime(), view.now())))
                .append(fact("Last run", JobListView.lastRun(view, job)))
                .append(fact("Consecutive failures", String.valueOf(job.consecutiveFailures())))
                .append(fact("Running", String.valueOf(job.running())))
                .append(fact("Tags", tags(view, job)))
                .append("</dl></section>");
        if (job.definition() != null) {
            policies(html, job.definition());
        } else {
            // the store holds the job but this node cannot read its definition: say why, instead of its policies
            html.append("<section><h2>Definition</h2><p class=\"problem\">").append(Html.esc(job.problem()))
                    .append("</p></section>");
        }
        html.append("<section><h2>Next ").append(next.size()).append(" fire times</h2><ol class=\"next\">");
        for (Instant t : next) {
            html.append("<li>").append(Times.element(t, view.now())).append("</li>");
        }
        html.append("</ol>").append(next.isEmpty() ? "<p class=\"none\">No further fire.</p>" : "").append("</section></div></div>");
        html.append("<div id=\"runs\" data-live><section><h2>Recent runs</h2>").append(RunChart.render(history)).append("</section>");
        HistoryTable.render(html, view, history);
        html.append("</div>");
        return html.toString();
    }

    private static String tags(View view, JobInfo job) {
        StringBuilder html = new StringBuilder();
        for (String tag : new TreeSet<>(job.tags())) {
            html.append("<a class=\"tag\" href=\"").append(Html.esc(view.base() + "?tag=" + Html.param(tag))).append("\">")
                    .append(Html.esc(tag)).append("</a> ");
        }
        return html.isEmpty() ? "–" : html.toString();
    }

    private static void policies(StringBuilder html, JobDefinition definition) {
        JobPolicy p = definition.policy();
        html.append("<section><h2>Policies</h2><dl class=\"facts policies\">")
                .append(fact("Enabled", String.valueOf(definition.enabled())))
                .append(fact("Misfire", p.misfire().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')))
                .append(fact("Misfire grace", duration(p.misfireGrace())))
                .append(fact("Coalesce", String.valueOf(p.coalesce())))
                .append(fact("Max catch-up", String.valueOf(p.maxCatchUp())))
                .append(fact("Max instances", String.valueOf(p.maxInstances())))
                .append(fact("Retries", String.valueOf(p.retries())))
                .append(fact("Retry backoff", duration(p.retryBackoff())))
                .append(fact("Timeout", p.timeout() == null ? "none" : duration(p.timeout())))
                .append(fact("Scope", p.scope().name().toLowerCase(java.util.Locale.ROOT)))
                .append(fact("Priority", String.valueOf(p.priority())))
                .append(fact("Jitter", p.jitter().isZero() ? "none" : duration(p.jitter())))
                .append(fact("Initial delay", duration(definition.initialDelay())));
        if (definition.isDynamic()) {
            html.append(fact("Handler", "<code>" + Html.esc(definition.handler()) + "</code>"));
        }
        html.append("</dl></section>");
    }

    private static String duration(Duration d) {
        return d.isZero() ? "0" : Html.esc(ScheduleWords.words(d)) + " <code>" + Html.esc(d) + "</code>";
    }

    private static String fact(String term, String valueHtml) {
        return "<dt>" + term + "</dt><dd>" + valueHtml + "</dd>";
    }
}
