package io.punctual.scheduler.dashboard;

import java.util.regex.Pattern;

/** Start-up checks of the dashboard's properties, each failing with the property, the value and what is allowed. */
final class DashboardPaths {

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_.:-]+");

    private DashboardPaths() {
    }

    static String check(String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalStateException("Invalid punctual.dashboard.path '" + path + "': allowed is a path of one or "
                    + "more segments, each a slash followed by letters, digits or . _ ~ -, without a trailing slash "
                    + "(e.g. /punctual or /ops/jobs)");
        }
        return path;
    }

    static String checkRole(String role) {
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new IllegalStateException("Invalid punctual.dashboard.action-role '" + role + "': allowed is a role "
                    + "name of letters, digits and _ . : - (e.g. PUNCTUAL_ADMIN)");
        }
        return role;
    }
}
