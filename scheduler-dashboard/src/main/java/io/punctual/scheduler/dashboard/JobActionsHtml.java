package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobState;

/** The action buttons of one job: trigger, and pause or resume, as far as its state allows. */
final class JobActionsHtml {

    private JobActionsHtml() {
    }

    static String buttons(View view, JobInfo job) {
        StringBuilder html = new StringBuilder();
        String id = job.id();
        if (job.state() == JobState.SCHEDULED || job.state() == JobState.PAUSED || job.state() == JobState.COMPLETED) {
            html.append(view.actionForm(DashboardAction.TRIGGER, id, ""));
        }
        if (job.state() == JobState.PAUSED) {
            html.append(view.actionForm(DashboardAction.RESUME, id, ""));
        } else if (job.state() == JobState.SCHEDULED) {
            html.append(view.actionForm(DashboardAction.PAUSE, id, "warn"));
        }
        return html.toString();
    }
}
