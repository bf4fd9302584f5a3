package io.punctual.sample;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Restarting the sample on its file database finds the welcome job of the first run instead of adding another. */
class WelcomeJobRestartTest {

    @TempDir
    Path data;

    /**
     * The database URL is a command-line argument: application-file.properties sets spring.datasource.url to ./data,
     * and a profile's properties outrank SpringApplicationBuilder.properties(...) (default properties), which would
     * put the database in sample-app/data instead of the temporary directory.
     */
    private ConfigurableApplicationContext start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                .web(WebApplicationType.NONE).profiles("file")
                .properties("spring.main.banner-mode=off", "punctual.jobs.slow.enabled=false", "punctual.shutdown.await=0s")
                .run("--spring.datasource.url=jdbc:h2:file:" + data.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        try {
            assertThat(urlInUse(context)).startsWith("jdbc:h2:file:" + data.resolve("db").toAbsolutePath());
        } catch (AssertionError e) {
            context.close();
            throw e;
        }
        return context;
    }

    private static String urlInUse(ConfigurableApplicationContext context) {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRestartOnTheFileProfileKeepsOneWelcomeJob() {
        try (ConfigurableApplicationContext first = start()) {
            JobScheduler scheduler = first.getBean(JobScheduler.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.job(WelcomeJobs.WELCOME_ID).isPresent());
        }
        assertThat(data.resolve("db.mv.db")).exists();
        try (ConfigurableApplicationContext second = start()) {
            JobScheduler scheduler = second.getBean(JobScheduler.class);
            assertThat(scheduler.jobs()).extracting(JobInfo::id).filteredOn(id -> id.startsWith("welcome"))
                    .containsExactly(WelcomeJobs.WELCOME_ID);
            assertThat(scheduler.job(WelcomeJobs.WELCOME_ID).orElseThrow().state()).isIn(JobState.SCHEDULED, JobState.COMPLETED);
        }
    }
}
