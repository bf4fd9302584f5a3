package io.punctual.scheduler.dashboard;

import java.time.Instant;

/**
 * What every page needs to know about the request it answers.
 *
 * @param base      context path plus dashboard path, e.g. {@code /app/punctual}
 * @param now       the scheduler's current time
 * @param csrfField the hidden input carrying Spring Security's CSRF token, or empty
 * @param canAct    whether actions are enabled and this user may use them
 * @param actionsEnabled whether actions are enabled at all
 * @param user      the user's name, or null when nobody is signed in
 * @param refreshMs how often the page refreshes itself; 0 for never
 */
record View(String base, Instant now, String csrfField, boolean canAct, boolean actionsEnabled, String user,
            long refreshMs) {

    /** The URL of a job's page. */
    String jobUrl(String id) {
        return base + "/job?id=" + Html.param(id);
    }

    /** A form that posts an action; the server asks for confirmation unless the page's script already did. */
    String actionForm(DashboardAction action, String subject, String cssClass) {
        return "<form method=\"post\" action=\"" + Html.esc(base + "/action") + "\" class=\"inline\" data-confirm=\""
                + Html.esc(action.question(subject)) + "\">" + csrfField
                + "<input type=\"hidden\" name=\"action\" value=\"" + action.word() + "\">"
                + "<input type=\"hidden\" name=\"" + (action.onTag() ? "tag" : "id") + "\" value=\"" + Html.esc(subject) + "\">"
                + "<button type=\"submit\" class=\"" + cssClass + "\">" + Html.esc(action.label()) + "</button></form>";
    }
}
