package io.punctual.scheduler.dashboard;

import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;

/**
 * Access without Spring Security: everyone who reaches the page may look and, when actions are enabled, act.
 * The user's name is the servlet container's principal, else {@code anonymous}.
 */
public class ServletDashboardAccess implements DashboardAccess {

    @Override
    public void checkView(HttpServletRequest request) {
    }

    @Override
    public boolean mayAct(HttpServletRequest request) {
        return true;
    }

    @Override
    public String userName(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? "anonymous (" + request.getRemoteAddr() + ")" : principal.getName();
    }
}
