package io.punctual.scheduler.dashboard;

/** The confirmation step of an action when the browser's script did not already ask: a form that posts it again, confirmed. */
final class ConfirmView {

    private ConfirmView() {
    }

    static String render(View view, DashboardAction action, String subject, String backUrl) {
        return "<h1>Confirm: " + Html.esc(action.label()) + "</h1>"
                + "<form method=\"post\" action=\"" + Html.esc(view.base() + "/action") + "\" class=\"confirm\">"
                + view.csrfField()
                + "<p class=\"question\">" + Html.esc(action.question(subject)) + "</p>"
                + "<input type=\"hidden\" name=\"action\" value=\"" + action.word() + "\">"
                + "<input type=\"hidden\" name=\"" + (action.onTag() ? "tag" : "id") + "\" value=\"" + Html.esc(subject) + "\">"
                + "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
                + "<button type=\"submit\" class=\"warn\" name=\"confirmed\">" + Html.esc(action.label()) + "</button> "
                + "<a href=\"" + Html.esc(backUrl) + "\">Cancel</a></form>";
    }
}
