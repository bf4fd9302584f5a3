package io.punctual.scheduler.dashboard.security;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.dashboard.DashboardTestJobs;
import io.punctual.scheduler.dashboard.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.punctual.scheduler.dashboard.Http.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With Spring Security and Boot's default filter chain (everything authenticated, form login, basic, CSRF). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "punctual.dashboard.actions-enabled=true", "punctual.shutdown.await=1s"})
class SecuredDashboardTest {

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    @Test
    void anAnonymousVisitorIsAskedToSignIn() {
        HttpResponse<String> response = new Http(port).get("/punctual");

        assertThat(response.statusCode()).isIn(401, 302);
        assertThat(response.body()).doesNotContain("counter");
    }

    @Test
    void aUserWithoutTheActionRoleSeesThePageWithoutButtonsAndIsRefusedActionsEvenWithAValidCsrfToken() {
        Http bob = new Http(port).as("bob", "bob-pw");
        HttpResponse<String> page = bob.get("/punctual");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<span class=\"mode\">read-only for you</span>")
                .contains("<span class=\"user\">bob</span>").doesNotContain("method=\"post\"");
        String token = Http.csrf(bob.get("/login").body());
        HttpResponse<String> action = bob.post("/punctual/action",
                form("action", "pause", "id", "counter", "confirm", "yes", "_csrf", token));
        assertThat(action.statusCode()).isEqualTo(403);
        assertThat(action.body()).contains("Actions need the role PUNCTUAL_ADMIN, which bob does not have.");
        assertThat(scheduler.job("counter").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void anActionWithoutTheCsrfTokenIsRefusedEvenForAnAdmin() {
        Http alice = new Http(port).as("alice", "alice-pw");
        alice.get("/punctual");

        HttpResponse<String> action = alice.post("/punctual/action", form("action", "pause", "id", "counter", "confirm", "yes"));

        // Spring Security's CsrfFilter answers 403, which Boot forwards to /error, answered 401 to a basic-auth client
        assertThat(action.statusCode()).isIn(401, 403);
        assertThat(scheduler.job("counter").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void anAdminActsWithTheTokenOfThePagesFormsAndHerNameReachesTheHistory() {
        Http alice = new Http(port).as("alice", "alice-pw");
        String page = alice.get("/punctual").body();
        assertThat(page).contains("<span class=\"mode\">actions enabled</span>").contains("<th>Actions</th>");
        String token = Http.csrf(page);

        HttpResponse<String> confirm = alice.post("/punctual/action", form("_csrf", token, "action", "trigger", "id", "counter"));
        assertThat(confirm.statusCode()).isEqualTo(200);
        HttpResponse<String> triggered = alice.post("/punctual/action",
                form("_csrf", Http.csrf(confirm.body()), "action", "trigger", "id", "counter", "confirm", "yes"));
        assertThat(triggered.statusCode()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.history("counter", 1).isEmpty());
        assertThat(scheduler.history("counter", 1).get(0).detail()).isEqualTo("triggered by alice");

        HttpResponse<String> paused = alice.post("/punctual/action",
                form("_csrf", token, "action", "pauseTag", "tag", "reports", "confirm", "yes"));
        assertThat(paused.statusCode()).isEqualTo(303);
        assertThat(scheduler.job("report").orElseThrow().state()).isEqualTo(JobState.PAUSED);
        scheduler.resumeTag("reports");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Users.class)
    static class App {
        @Bean
        DashboardTestJobs dashboardTestJobs() {
            return new DashboardTestJobs();
        }
    }
}
