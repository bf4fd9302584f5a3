package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.NoSuchJobException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the dashboard's actions through {@link JobScheduler}, logging each with the user's name; a trigger
 * carries {@code triggered by <user>} into the run's history row.
 */
final class DashboardActions {

    private static final Logger log = LoggerFactory.getLogger(DashboardActions.class);

    private final JobScheduler scheduler;

    DashboardActions(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Performs {@code action} on the job or tag {@code subject}; returns how many jobs it acted on.
     *
     * @throws DashboardDeniedException 404 for an unknown job, 409 when the job's state forbids the action
     */
    int perform(DashboardAction action, String subject, String user) {
        try {
            int count = switch (action) {
                case TRIGGER -> {
                    // a trigger's note has at most PendingFire.MAX_DETAIL characters: a very long principal name is cut
                    String who = String.valueOf(user);
                    scheduler.trigger(subject, "triggered by " + (who.length() > 200 ? who.substring(0, 200) + "…" : who));
                    yield 1;
                }
                case PAUSE -> {
                    scheduler.pause(subject);
                    yield 1;
                }
                case RESUME -> {
                    scheduler.resume(subject);
                    yield 1;
                }
                case PAUSE_TAG -> scheduler.pauseTag(subject);
                case RESUME_TAG -> scheduler.resumeTag(subject);
            };
            log.info("Dashboard: {} {} {} '{}' ({} job(s))", user, action.word(), action.onTag() ? "tag" : "job",
                    subject, count);
            return count;
        } catch (NoSuchJobException e) {
            log.info("Dashboard: {} asked to {} job '{}', which does not exist", user, action.word(), subject);
            throw new DashboardDeniedException(404, "No job with id '" + subject + "'.");
        } catch (IllegalStateException e) {
            log.info("Dashboard: {} asked to {} job '{}': {}", user, action.word(), subject, e.getMessage());
            throw new DashboardDeniedException(409, e.getMessage());
        }
    }
}
