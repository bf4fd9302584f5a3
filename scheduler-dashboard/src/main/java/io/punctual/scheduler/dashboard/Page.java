package io.punctual.scheduler.dashboard;

/** The frame around every page: head, styles and script from the jar, header with the scheduler, footer. */
final class Page {

    private Page() {
    }

    static String render(View view, String title, String body) {
        StringBuilder html = new StringBuilder(body.length() + 2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append(" · Punctual</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(Html.esc(view.base())).append("/dashboard.css\">")
                .append("<script src=\"").append(Html.esc(view.base())).append("/dashboard.js\" defer></script>")
                .append("</head><body data-refresh=\"").append(view.refreshMs()).append("\">")
                .append("<header><a class=\"brand\" href=\"").append(Html.esc(view.base())).append("\">Punctual</a>")
                .append("<span class=\"mode\">")
                .append(view.actionsEnabled() ? (view.canAct() ? "actions enabled" : "read-only for you") : "read-only")
                .append("</span>");
        if (view.user() != null) {
            html.append("<span class=\"user\">").append(Html.esc(view.user())).append("</span>");
        }
        html.append("</header><main>").append(body).append("</main>")
                .append("<footer>Times in UTC; hover a time for its ISO-8601 instant.")
                .append(view.refreshMs() > 0 ? " Refreshes every " + (view.refreshMs() / 1000.0) + " s." : "")
                .append("</footer></body></html>\n");
        return html.toString();
    }

    /** A page with one message box: results, errors, refusals. */
    static String message(View view, String title, String text, String backUrl) {
        return render(view, title, "<h1>" + Html.esc(title) + "</h1><p class=\"notice\">" + Html.esc(text) + "</p>"
                + "<p><a href=\"" + Html.esc(backUrl) + "\">Back</a></p>");
    }
}
