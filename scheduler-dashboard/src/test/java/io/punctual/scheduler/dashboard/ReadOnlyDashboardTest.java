package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import java.net.http.HttpResponse;

import static io.punctual.scheduler.dashboard.Http.form;
import static org.assertj.core.api.Assertions.assertThat;

/** Actions are off by default; the page moves with punctual.dashboard.path. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"punctual.dashboard.path=/ops/jobs",
        "punctual.shutdown.await=1s", "server.servlet.context-path=/app"})
class ReadOnlyDashboardTest {

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    @Test
    void thePageIsServedAtTheConfiguredPathUnderTheContextPathWithoutActionButtons() {
        Http http = new Http(port);
        HttpResponse<String> page = http.get("/app/ops/jobs");
        HttpResponse<String> job = http.get("/app/ops/jobs/job?id=counter");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<span class=\"mode\">read-only</span>")
                .contains("href=\"/app/ops/jobs/job?id=counter\"").contains("href=\"/app/ops/jobs/dashboard.css\"")
                .doesNotContain("method=\"post\"").doesNotContain("<th>Actions</th>");
        assertThat(job.statusCode()).isEqualTo(200);
        assertThat(job.body()).doesNotContain("method=\"post\"");
        assertThat(http.get("/app/punctual").statusCode()).isEqualTo(404);
    }

    @Test
    void aPostedActionIsRefusedAndChangesNothing() {
        HttpResponse<String> response = new Http(port).post("/app/ops/jobs/action",
                form("action", "pause", "id", "counter", "confirm", "yes"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("The dashboard is read-only: actions are enabled with "
                + "punctual.dashboard.actions-enabled=true.");
        assertThat(scheduler.job("counter").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        DashboardTestJobs dashboardTestJobs() {
            return new DashboardTestJobs();
        }
    }
}
