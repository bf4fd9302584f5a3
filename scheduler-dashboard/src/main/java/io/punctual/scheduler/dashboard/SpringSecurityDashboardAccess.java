package io.punctual.scheduler.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Access with Spring Security, checked in the dashboard's handlers so that it holds whatever the application's
 * own {@code SecurityFilterChain} permits: viewing needs an authenticated user, actions need the role
 * {@code punctual.dashboard.action-role}. An anonymous user is sent to the application's login (through Spring
 * Security's exception translation); a request no filter chain looked at is refused with 401. Forms carry the
 * CSRF token of the chain's {@code CsrfFilter}.
 */
public class SpringSecurityDashboardAccess implements DashboardAccess {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private final String authority;

    /** @param actionRole a role name such as {@code PUNCTUAL_ADMIN} (the {@code ROLE_} prefix is added when missing) */
    public SpringSecurityDashboardAccess(String actionRole) {
        this.authority = actionRole.startsWith("ROLE_") ? actionRole : "ROLE_" + actionRole;
    }

    @Override
    public void checkView(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            throw new DashboardDeniedException(401, "The Punctual dashboard needs an authenticated user, and no "
                    + "Spring Security filter chain authenticated this request: let your SecurityFilterChain cover "
                    + "the dashboard's path (e.g. .requestMatchers(\"/punctual/**\").authenticated()).");
        }
        if (!isSignedIn(authentication)) {
            throw new AccessDeniedException("The Punctual dashboard needs an authenticated user");
        }
    }

    @Override
    public boolean mayAct(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return isSignedIn(authentication) && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }

    @Override
    public String userName(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "anonymous" : authentication.getName();
    }

    @Override
    public String csrfField(HttpServletRequest request) {
        Object attribute = request.getAttribute(CsrfToken.class.getName());
        if (attribute instanceof CsrfToken token) {
            return "<input type=\"hidden\" name=\"" + Html.esc(token.getParameterName()) + "\" value=\""
                    + Html.esc(token.getToken()) + "\">";
        }
        return "";
    }

    /** The authority a user needs for actions, e.g. {@code ROLE_PUNCTUAL_ADMIN}. */
    public String actionAuthority() {
        return authority;
    }

    private boolean isSignedIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && !trust.isAnonymous(authentication);
    }
}
