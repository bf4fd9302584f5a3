package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.NodeInfo;
import io.punctual.scheduler.SchedulerInfo;

import java.util.List;

/**
 * The scheduler as this node sees it: state, node id, store, whether the store answered (when not, whether it is
 * unreachable or refusing the scheduler's statements, with the database's message), runs in flight here; and,
 * when several nodes share the store, each of them with its last heartbeat and runs in flight.
 */
final class SchedulerPanel {

    private SchedulerPanel() {
    }

    static String render(View view, SchedulerInfo info, List<NodeInfo> nodes) {
        boolean healthy = info.state() == SchedulerState.RUNNING && info.storeReachable();
        return "<div id=\"scheduler\" data-live><section class=\"scheduler " + (healthy ? "ok" : "down") + "\" aria-label=\"Scheduler\"><dl>"
                + item("Scheduler", "<span class=\"badge " + (info.state() == SchedulerState.RUNNING ? "good" : "bad") + "\">"
                        + Html.esc(info.state().word()) + "</span>")
                + item("Node", "<code>" + Html.esc(info.node()) + "</code>")
                + item("Store", Html.esc(info.store()))
                + item("Store reachable", info.storeReachable() ? "<span class=\"badge good\">yes</span>"
                        : "<span class=\"badge bad\">no: " + Html.esc(info.storeStatus().word()) + "</span>"
                        + (info.storeError() == null ? "" : " <code>" + Html.esc(info.storeError()) + "</code>"))
                + item("Runs in flight on this node", String.valueOf(info.runningOnThisNode()))
                + "</dl>" + nodes(nodes) + "</section></div>";
    }

    /** The nodes sharing the store, when there is more than this one. */
    private static String nodes(List<NodeInfo> nodes) {
        if (nodes.size() < 2) {
            return "";
        }
        StringBuilder html = new StringBuilder("<table class=\"nodes\" aria-label=\"Nodes\"><thead><tr><th>Node</th>"
                + "<th>Last heartbeat</th><th>Runs in flight</th></tr></thead><tbody>");
        for (NodeInfo n : nodes) {
            html.append("<tr><td><code>").append(Html.esc(n.id())).append("</code>").append(n.self() ? " (this node)" : "")
                    .append("</td><td>").append(n.lastHeartbeat() == null ? "-" : "<time datetime=\""
                            + Html.esc(n.lastHeartbeat().toString()) + "\">" + Html.esc(n.lastHeartbeat().toString()) + "</time>")
                    .append("</td><td>").append(n.runsInFlight()).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String item(String term, String valueHtml) {
        return "<div><dt>" + term + "</dt><dd>" + valueHtml + "</dd></div>";
    }
}
