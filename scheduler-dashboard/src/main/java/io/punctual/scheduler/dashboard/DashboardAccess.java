package io.punctual.scheduler.dashboard;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may look and who may act. Without Spring Security anyone who reaches the page may look, and may act when
 * actions are enabled; with it, {@link SpringSecurityDashboardAccess} requires a signed-in user and the action role.
 * Define a bean of this type to decide otherwise.
 */
public interface DashboardAccess {

    /**
     * Returns normally when the request may see the dashboard.
     *
     * @throws DashboardDeniedException (or a Spring Security exception the filter chain turns into a login)
     */
    void checkView(HttpServletRequest request);

    /** Whether this request may trigger, pause and resume (actions being enabled is checked separately). */
    boolean mayAct(HttpServletRequest request);

    /** The name to log and to write into history for this request's actions. */
    String userName(HttpServletRequest request);

    /** The hidden form field carrying a CSRF token, or an empty string when there is none to carry. */
    default String csrfField(HttpServletRequest request) {
        return "";
    }
}
