package io.punctual.sample;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {

    @Autowired
    JobScheduler scheduler;

    @LocalServerPort
    int port;

    @Test
    void theDashboardIsServedAtPunctualWithActionsEnabled() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/punctual")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<span class=\"mode\">actions enabled</span>").contains("data-job=\"poller\"");
    }

    @Test
    void sampleJobsAreScheduledAndFire() {
        assertThat(scheduler.jobs()).extracting(JobInfo::id)
                .contains("report", "christmas-greeting", "poller", "cleanup", "flaky", "slow");
        assertThat(scheduler.job("poller").orElseThrow().schedule()).isEqualTo("fixedRate PT5S");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(scheduler.history("poller", 10)).isNotEmpty();
            assertThat(scheduler.history("cleanup", 10)).isNotEmpty();
            assertThat(scheduler.jobs()).anyMatch(j -> j.id().startsWith("welcome-") && !scheduler.history(j.id(), 1).isEmpty());
        });
    }
}
