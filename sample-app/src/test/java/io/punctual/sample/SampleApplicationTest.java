package io.punctual.sample;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {

    @Autowired
    JobScheduler scheduler;

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
