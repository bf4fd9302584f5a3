package io.punctual.scheduler.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** Settings of the jobs dashboard ({@code punctual.dashboard.*}). */
@ConfigurationProperties("punctual.dashboard")
public class PunctualDashboardProperties {

    /** Whether to serve the dashboard when the scheduler-dashboard module is on the class path. */
    private boolean enabled = true;

    /** Path of the dashboard page, starting with a slash, e.g. /punctual or /ops/jobs. */
    private String path = "/punctual";

    /** Whether the page may trigger, pause and resume jobs; read-only otherwise. */
    private boolean actionsEnabled = false;

    /** With Spring Security, the role a user needs for actions (viewing needs an authenticated user). */
    private String actionRole = "PUNCTUAL_ADMIN";

    /** How often the page refreshes itself in the browser (polling); 0 turns live refresh off. */
    private Duration refreshInterval = Duration.ofSeconds(5);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public boolean isActionsEnabled() {
        return actionsEnabled;
    }

    public void setActionsEnabled(boolean actionsEnabled) {
        this.actionsEnabled = actionsEnabled;
    }

    public String getActionRole() {
        return actionRole;
    }

    public void setActionRole(String actionRole) {
        this.actionRole = actionRole;
    }

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }
}
