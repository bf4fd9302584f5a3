package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.SchedulerInfo;

/**
 * The scheduler as this node sees it: state, node id, store, whether the store answered, runs in flight here.
 * {@code JobScheduler} does not list the other nodes sharing the store yet; when it does, they belong here.
 */
final class SchedulerPanel {

    private SchedulerPanel() {
    }

    static String render(View view, SchedulerInfo info) {
        boolean healthy = "running".equals(info.state()) && info.storeReachable();
        return "<div id=\"scheduler\" data-live><section class=\"scheduler " + (healthy ? "ok" : "down") + "\" aria-label=\"Scheduler\"><dl>"
                + item("Scheduler", "<span class=\"badge " + ("running".equals(info.state()) ? "good" : "bad") + "\">"
                        + Html.esc(info.state()) + "</span>")
                + item("Node", "<code>" + Html.esc(info.node()) + "</code>")
                + item("Store", Html.esc(info.store()))
                + item("Store reachable", info.storeReachable() ? "<span class=\"badge good\">yes</span>"
                        : "<span class=\"badge bad\">no</span>")
                + item("Runs in flight on this node", String.valueOf(info.runningOnThisNode()))
                + "</dl></section></div>";
    }

    private static String item(String term, String valueHtml) {
        return "<div><dt>" + term + "</dt><dd>" + valueHtml + "</dd></div>";
    }
}
