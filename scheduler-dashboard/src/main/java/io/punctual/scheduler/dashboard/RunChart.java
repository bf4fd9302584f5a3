package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.ExecutionRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Duration and lateness of a job's recent runs as an inline SVG drawn on the server: one bar per run, oldest on
 * the left, failures in red. Each bar's {@code <title>} gives its numbers (a tooltip in every browser).
 */
final class RunChart {

    static final int MAX_RUNS = 40;
    private static final int WIDTH = 760;
    private static final int PANEL = 90;
    private static final int LEFT = 110;

    private RunChart() {
    }

    static String render(List<ExecutionRecord> newestFirst) {
        List<ExecutionRecord> runs = new ArrayList<>();
        for (ExecutionRecord r : newestFirst) {
            if (r.startTime() != null && r.endTime() != null && runs.size() < MAX_RUNS) {
                runs.add(0, r);
            }
        }
        if (runs.isEmpty()) {
            return "<p class=\"none\">No run to chart yet.</p>";
        }
        StringBuilder svg = new StringBuilder(4096);
        int height = 2 * PANEL + 40;
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"Duration and lateness of the last ").append(runs.size())
                .append(" runs\" xmlns=\"http://www.w3.org/2000/svg\">");
        panel(svg, runs, 10, "Duration", r -> r.durationMs() == null ? 0 : r.durationMs());
        panel(svg, runs, PANEL + 30, "Lateness", r -> HistoryTable.lateness(r) == null ? 0 : HistoryTable.lateness(r));
        svg.append("</svg>");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, List<ExecutionRecord> runs, int top, String label,
                              ToLongFunction<ExecutionRecord> value) {
        long max = Math.max(1, runs.stream().mapToLong(value).max().orElse(1));
        int bottom = top + PANEL;
        svg.append("<text x=\"0\" y=\"").append(top + 12).append("\" class=\"label\">").append(label).append("</text>")
                .append("<text x=\"0\" y=\"").append(top + 28).append("\" class=\"scale\">max ")
                .append(Html.esc(Times.millis(max))).append("</text>")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"").append(WIDTH)
                .append("\" y2=\"").append(bottom).append("\" class=\"axis\"/>");
        double slot = (WIDTH - LEFT) / (double) MAX_RUNS;
        for (int i = 0; i < runs.size(); i++) {
            ExecutionRecord r = runs.get(i);
            long v = value.applyAsLong(r);
            double h = Math.max(1, (PANEL - 4) * (double) v / max);
            svg.append("<rect x=\"").append(fmt(LEFT + i * slot + 1)).append("\" y=\"").append(fmt(bottom - h))
                    .append("\" width=\"").append(fmt(slot - 2)).append("\" height=\"").append(fmt(h))
                    .append("\" class=\"").append(r.outcome().isFailure() ? "bar bad" : "bar").append("\"><title>")
                    .append(Html.esc(r.startTime() + " · " + r.outcome().word() + " · " + label.toLowerCase(java.util.Locale.ROOT)
                            + " " + Times.millis(v) + " · attempt " + r.attempt()))
                    .append("</title></rect>");
        }
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
