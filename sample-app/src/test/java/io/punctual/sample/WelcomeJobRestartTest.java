package io.punctual.sample;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Restarting the sample on its file database finds the welcome job of the first run instead of adding another. */
class WelcomeJobRestartTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SampleApplication.class).web(WebApplicationType.NONE).profiles("file")
                .properties("spring.datasource.url=jdbc:h2:file:" + data.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                        "spring.main.banner-mode=off", "punctual.jobs.slow.enabled=false", "punctual.shutdown.await=0s")
                .run();
    }

    @Test
    void aRestartOnTheFileProfileKeepsOneWelcomeJob() {
        try (ConfigurableApplicationContext first = start()) {
            JobScheduler scheduler = first.getBean(JobScheduler.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.job(WelcomeJobs.WELCOME_ID).isPresent());
        }
        try (ConfigurableApplicationContext second = start()) {
            JobScheduler scheduler = second.getBean(JobScheduler.class);
            assertThat(scheduler.jobs()).extracting(JobInfo::id).filteredOn(id -> id.startsWith("welcome"))
                    .containsExactly(WelcomeJobs.WELCOME_ID);
            assertThat(scheduler.job(WelcomeJobs.WELCOME_ID).orElseThrow().state()).isIn(JobState.SCHEDULED, JobState.COMPLETED);
        }
    }
}
