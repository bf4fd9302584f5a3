package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.ExecutionRecord;

import java.time.Duration;
import java.util.List;

/** A job's history with every field of a row; error texts fold into {@code <details>}. */
final class HistoryTable {

    private HistoryTable() {
    }

    static void render(StringBuilder html, View view, List<ExecutionRecord> history) {
        html.append("<section><h2>History</h2><p class=\"count\">The newest ").append(history.size())
                .append(" rows</p><div class=\"scroll\"><table class=\"history\"><thead><tr><th>Outcome</th>")
                .append("<th>Scheduled</th><th>Started</th><th>Ended</th><th>Duration</th><th>Lateness</th>")
                .append("<th>Attempt</th><th>Count</th><th>Node</th><th>Execution</th><th>Error</th><th>Detail</th>")
                .append("</tr></thead><tbody>");
        for (ExecutionRecord r : history) {
            html.append("<tr class=\"outcome-").append(r.outcome().word()).append("\">")
                    .append("<td>").append(Badges.outcome(r.outcome())).append("</td>")
                    .append("<td>").append(Times.element(r.scheduledTime(), view.now())).append("</td>")
                    .append("<td>").append(Times.element(r.startTime(), view.now())).append("</td>")
                    .append("<td>").append(Times.element(r.endTime(), view.now())).append("</td>")
                    .append("<td class=\"num\">").append(Times.millis(r.durationMs())).append("</td>")
                    .append("<td class=\"num\">").append(Times.millis(lateness(r))).append("</td>")
                    .append("<td class=\"num\">").append(r.attempt()).append("</td>")
                    .append("<td class=\"num\">").append(r.count()).append("</td>")
                    .append("<td><code>").append(Html.esc(r.node())).append("</code></td>")
                    .append("<td><code class=\"exec\">").append(Html.esc(r.executionId())).append("</code></td>")
                    .append("<td>").append(error(r.error())).append("</td>")
                    .append("<td>").append(Html.esc(r.detail())).append("</td></tr>");
        }
        if (history.isEmpty()) {
            html.append("<tr><td colspan=\"12\" class=\"none\">No run yet.</td></tr>");
        }
        html.append("</tbody></table></div></section>");
    }

    /**
     * Start minus due time in milliseconds; null for a fire that did not run and for a retry (whose wait is its
     * backoff, not lateness).
     */
    static Long lateness(ExecutionRecord r) {
        return r.startTime() == null || r.scheduledTime() == null || r.attempt() > 1 ? null
                : Math.max(0, Duration.between(r.scheduledTime(), r.startTime()).toMillis());
    }

    private static String error(String error) {
        if (error == null) {
            return "";
        }
        int cut = error.indexOf('\n');
        String firstLine = cut < 0 ? error : error.substring(0, cut);
        String summary = firstLine.length() > 80 ? firstLine.substring(0, 77) + "…" : firstLine;
        return "<details class=\"error\"><summary>" + Html.esc(summary) + "</summary><pre>" + Html.esc(error)
                + "</pre></details>";
    }
}
