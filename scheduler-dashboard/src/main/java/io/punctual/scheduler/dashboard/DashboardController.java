package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * The dashboard's pages and its one action endpoint, under {@code punctual.dashboard.path}. Reads and acts only
 * through {@link JobScheduler}. Every page checks {@link DashboardAccess}; actions also need
 * {@code punctual.dashboard.actions-enabled} and are confirmed before they run.
 */
@Controller
@RequestMapping("${punctual.dashboard.path:/punctual}")
public class DashboardController {

    static final int NEXT_FIRES = 10;
    static final int HISTORY_ROWS = 50;
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final JobScheduler scheduler;
    private final PunctualDashboardProperties properties;
    private final DashboardAccess access;
    private final Clock clock;
    private final DashboardActions actions;

    public DashboardController(JobScheduler scheduler, PunctualDashboardProperties properties, DashboardAccess access,
                               Clock clock) {
        this.scheduler = scheduler;
        this.properties = properties;
        this.access = access;
        this.clock = clock;
        this.actions = new DashboardActions(scheduler);
    }

    /** The list of jobs, filtered by the query parameters {@code q}, {@code state} and {@code tag}. */
    @GetMapping({"", "/"})
    public ResponseEntity<String> jobs(HttpServletRequest request, @RequestParam(required = false) String q,
                                       @RequestParam(required = false) String state, @RequestParam(required = false) String tag,
                                       @RequestParam(required = false) String done, @RequestParam(defaultValue = "0") int count) {
        View view = view(request);
        String notice = DashboardAction.of(done).filter(DashboardAction::onTag).map(a -> a.done(tag, count)).orElse(null);
        return html(HttpStatus.OK, Page.render(view, "Jobs",
                JobListView.render(view, scheduler.info(), scheduler.nodes(), scheduler.jobs(), new JobFilter(tag, state, q), notice)));
    }

    /** One job's page: {@code ?id=<job id>}. */
    @GetMapping("/job")
    public ResponseEntity<String> job(HttpServletRequest request, @RequestParam String id,
                                      @RequestParam(required = false) String done) {
        View view = view(request);
        JobInfo job = scheduler.job(id).orElseThrow(() -> new DashboardDeniedException(404, "No job with id '" + id + "'."));
        String notice = DashboardAction.of(done).filter(a -> !a.onTag()).map(a -> a.done(id, 1)).orElse(null);
        return html(HttpStatus.OK, Page.render(view, id, JobPageView.render(view, job,
                scheduler.nextFireTimes(id, NEXT_FIRES), scheduler.history(id, HISTORY_ROWS), notice)));
    }

    /**
     * Performs an action ({@code action} = trigger, pause, resume with {@code id}; pauseTag, resumeTag with
     * {@code tag}) once confirmed ({@code confirm=yes}), then redirects to the page showing its result; without the
     * confirmation, answers the confirmation page.
     */
    @PostMapping("/action")
    public ResponseEntity<String> act(HttpServletRequest request, @RequestParam(required = false) String action,
                                      @RequestParam(required = false) String id, @RequestParam(required = false) String tag,
                                      @RequestParam(required = false) String confirm) {
        View view = view(request);
        if (!properties.isActionsEnabled()) {
            throw new DashboardDeniedException(403, "The dashboard is read-only: actions are enabled with "
                    + "punctual.dashboard.actions-enabled=true.");
        }
        if (!view.canAct()) {
            throw new DashboardDeniedException(403, "Actions need the role " + properties.getActionRole() + ", which "
                    + access.userName(request) + " does not have.");
        }
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            throw new DashboardDeniedException(403, "Actions are not accepted from another site's page.");
        }
        DashboardAction what = DashboardAction.of(action).orElseThrow(() -> new DashboardDeniedException(400,
                "Unknown action '" + action + "'; allowed: " + String.join(", ", DashboardAction.words()) + "."));
        String subject = what.onTag() ? tag : id;
        if (subject == null || subject.isBlank()) {
            throw new DashboardDeniedException(400, "Action '" + what.word() + "' needs the parameter "
                    + (what.onTag() ? "tag" : "id") + ".");
        }
        if (!what.onTag() && scheduler.job(subject).isEmpty()) {
            throw new DashboardDeniedException(404, "No job with id '" + subject + "'.");
        }
        String back = what.onTag() ? view.base() + "?tag=" + Html.param(subject) : view.jobUrl(subject);
        if (!"yes".equals(confirm)) {
            return html(HttpStatus.OK, Page.render(view, "Confirm", ConfirmView.render(view, what, subject, back)));
        }
        int count = actions.perform(what, subject, access.userName(request));
        String target = back + "&done=" + what.word() + (what.onTag() ? "&count=" + count : "");
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, target).build();
    }

    /** The dashboard's style sheet, from the jar. */
    @GetMapping("/dashboard.css")
    public ResponseEntity<String> css() {
        return asset("dashboard.css", new MediaType("text", "css", StandardCharsets.UTF_8));
    }

    /** The dashboard's script (live refresh, confirmations, relative times), from the jar. */
    @GetMapping("/dashboard.js")
    public ResponseEntity<String> js() {
        return asset("dashboard.js", new MediaType("text", "javascript", StandardCharsets.UTF_8));
    }

    @ExceptionHandler(DashboardDeniedException.class)
    ResponseEntity<String> denied(DashboardDeniedException e, HttpServletRequest request) {
        View view = e.status() == 401 ? anonymousView(request) : viewWithoutCheck(request);
        String title = switch (e.status()) {
            case 400 -> "Bad request";
            case 401 -> "Sign-in needed";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Not possible now";
            default -> "Error";
        };
        return html(HttpStatus.valueOf(e.status()), Page.message(view, title, e.getMessage(), view.base()));
    }

    private View view(HttpServletRequest request) {
        access.checkView(request);
        return viewWithoutCheck(request);
    }

    private View viewWithoutCheck(HttpServletRequest request) {
        boolean canAct = properties.isActionsEnabled() && access.mayAct(request);
        return new View(base(request), clock.instant(), canAct ? access.csrfField(request) : "", canAct,
                properties.isActionsEnabled(), signedIn(request), refreshMs());
    }

    /** The signed-in user's name for the page header; null for anonymous visitors (Spring Security hides those too). */
    private static String signedIn(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }

    private View anonymousView(HttpServletRequest request) {
        return new View(base(request), clock.instant(), "", false, properties.isActionsEnabled(), null, 0);
    }

    private String base(HttpServletRequest request) {
        return request.getContextPath() + properties.getPath();
    }

    private long refreshMs() {
        Duration interval = properties.getRefreshInterval();
        return interval == null ? 0 : interval.toMillis();
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff").body(body);
    }

    private static ResponseEntity<String> asset(String name, MediaType type) {
        try (InputStream in = new ClassPathResource("io/punctual/scheduler/dashboard/" + name).getInputStream()) {
            return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                    .body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("The dashboard's " + name + " is missing from its jar", e);
        }
    }
}
