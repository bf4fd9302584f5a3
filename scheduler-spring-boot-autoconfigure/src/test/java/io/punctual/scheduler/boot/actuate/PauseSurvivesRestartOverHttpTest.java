package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Pausing through the endpoint is kept in the database: the job is still paused after a restart. */
class PauseSurvivesRestartOverHttpTest {

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * The database URL is a command-line argument: SpringApplicationBuilder.properties(...) are default properties, which
     * any application.properties, profile, environment variable or system property setting the URL would outrank.
     */
    private ConfigurableApplicationContext start() throws SQLException {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).properties(
                "server.port=0",
                "punctual.jdbc.initialize-schema=always",
                "spring.jpa.hibernate.ddl-auto=validate",
                "management.endpoints.web.exposure.include=jobs")
                .run("--spring.datasource.url=jdbc:h2:file:" + directory.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            assertThat(connection.getMetaData().getURL()).startsWith("jdbc:h2:file:" + directory.resolve("db").toAbsolutePath());
        } catch (SQLException | AssertionError e) {
            context.close();
            throw e;
        }
        return context;
    }

    private HttpResponse<String> send(ConfigurableApplicationContext context, String method, String body) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/jobs/nightly"));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jobPausedThroughTheEndpointIsStillPausedAfterARestart() throws Exception {
        try (ConfigurableApplicationContext first = start()) {
            HttpResponse<String> paused = send(first, "POST", "{\"action\":\"pause\"}");
            assertThat(paused.statusCode()).isEqualTo(200);
            assertThat(paused.body()).contains("\"state\":\"paused\"");
        }
        try (ConfigurableApplicationContext second = start()) {
            HttpResponse<String> detail = send(second, "GET", null);
            assertThat(detail.statusCode()).isEqualTo(200);
            assertThat(detail.body()).contains("\"id\":\"nightly\"").contains("\"state\":\"paused\"");
            assertThat(send(second, "POST", "{\"action\":\"resume\"}").body()).contains("\"state\":\"scheduled\"");
        }
    }

    static class Nightly {
        @ScheduledJob(id = "nightly", cron = "0 0 2 * * *", zone = "Europe/Berlin")
        void run() {
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Nightly nightly() {
            return new Nightly();
        }
    }
}
