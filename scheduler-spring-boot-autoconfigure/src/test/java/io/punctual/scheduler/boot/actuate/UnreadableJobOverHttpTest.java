package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job whose row this node cannot read (its zone edited by hand into one no time-zone database knows), over real HTTP:
 * the list and the detail answer 200 and show it with state {@code unreadable} and the problem, a trigger answers 409
 * with the problem, pause and resume answer its summary, health is DOWN naming it, the {@code punctual.jobs} gauge counts
 * it, and a reschedule repairs it.
 *
 * <p>The application is started here, not through the test context cache: a test class with a context of its own run
 * between two that share one would pause the shared context (Spring Framework 7's default), and the scheduler of a
 * paused context does not start again (a stopped engine stays stopped).
 */
class UnreadableJobOverHttpTest {

    private static final String PROBLEM = "Job 'report' cannot be read from the store (column schedule_zone): zone ="
            + " 'Mars/Olympus' is invalid: this JVM's time-zone database (tzdb ";

    private static ConfigurableApplicationContext context;

    private final JsonMapper json = JsonMapper.builder().build();

    int port;
    JobScheduler scheduler;
    DataSource dataSource;

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(App.class).properties(
                "server.port=0",
                "spring.datasource.url=jdbc:h2:mem:unreadable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "management.endpoints.web.exposure.include=health,jobs,metrics",
                "management.endpoint.health.show-details=always",
                "punctual.node-id=test-node", "punctual.shutdown.await=1s").run();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @BeforeEach
    void editTheZoneByHand() throws Exception {
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
        scheduler = context.getBean(JobScheduler.class);
        dataSource = context.getBean(DataSource.class);
        setZone("Mars/Olympus");
    }

    @AfterEach
    void repair() {
        scheduler.reschedule("report", Schedule.cron("0 0 7 * * *", ZoneId.of("Europe/Berlin")));
    }

    private void setZone(String zone) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE punctual_job SET schedule_zone = ? WHERE id = 'report'")) {
            s.setString(1, zone);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void theListAndTheDetailShowItWithWhatCanBeReadAndTheProblem() throws Exception {
        HttpResponse<String> list = get("/actuator/jobs");

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode jobs = json.readTree(list.body()).get("jobs");
        assertThat(EndpointHttp.ids(jobs)).containsExactly("counter", "report");
        JsonNode report = jobs.get(1);
        assertThat(report.get("state").asString()).isEqualTo("unreadable");
        assertThat(report.get("schedule").asString()).isEqualTo("cron 0 0 7 * * *");
        assertThat(report.get("zone").asString()).isEqualTo("Mars/Olympus");
        assertThat(report.get("nextFireTime").isNull()).isFalse();
        assertThat(report.get("tags").toString()).isEqualTo("[\"reports\"]");
        assertThat(report.get("problem").asString()).startsWith(PROBLEM)
                .endsWith("Allowed: a region id such as Europe/Berlin or UTC, or an offset such as +02:00.");
        assertThat(EndpointHttp.fieldNames(jobs.get(0))).as("no problem, no field").containsExactlyElementsOf(JobsEndpointOverHttpTest.SUMMARY_FIELDS);

        HttpResponse<String> detail = get("/actuator/jobs/report");

        assertThat(detail.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(detail.body());
        assertThat(body.get("state").asString()).isEqualTo("unreadable");
        assertThat(body.get("problem").asString()).isEqualTo(report.get("problem").asString());
        assertThat(body.get("nextFireTimes").isEmpty()).as("this node fires none").isTrue();
        assertThat(body.get("history").isArray()).isTrue();
    }

    @Test
    void aTriggerIs409NamingTheProblemWhilePauseAndResumeAnswerItsSummary() throws Exception {
        HttpResponse<String> trigger = post("/actuator/jobs/report", "{\"action\":\"trigger\"}");

        assertThat(trigger.statusCode()).isEqualTo(409);
        assertThat(trigger.headers().firstValue("Content-Type").orElseThrow()).contains("json");
        JsonNode error = json.readTree(trigger.body());
        assertThat(EndpointHttp.fieldNames(error)).containsExactly("status", "error", "message", "job");
        assertThat(error.get("status").asInt()).isEqualTo(409);
        assertThat(error.get("error").asString()).isEqualTo("Conflict");
        assertThat(error.get("message").asString()).startsWith(PROBLEM);
        assertThat(error.get("job").asString()).isEqualTo("report");
        assertThat(scheduler.history("report", 10)).isEmpty();

        for (String action : List.of("pause", "resume")) {
            HttpResponse<String> answer = post("/actuator/jobs/report", "{\"action\":\"" + action + "\"}");
            assertThat(answer.statusCode()).as(action).isEqualTo(200);
            assertThat(json.readTree(answer.body()).get("state").asString()).as(action).isEqualTo("unreadable");
        }
    }

    @Test
    void healthIsDownNamingTheJobAndTheGaugeCountsIt() throws Exception {
        HttpResponse<String> response = get("/actuator/health/jobs");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode health = json.readTree(response.body());
        assertThat(health.get("status").asString()).isEqualTo("DOWN");
        assertThat(health.get("details").get("storeReachable").asBoolean()).as("the store answers").isTrue();
        assertThat(health.get("details").get("unreadable").get("report").asString()).startsWith(PROBLEM);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json.readTree(
                get("/actuator/metrics/punctual.jobs?tag=state:unreadable").body()).get("measurements").get(0).get("value")
                .asDouble()).isEqualTo(1.0));
    }

    @Test
    void aRescheduleRepairsIt() throws Exception {
        scheduler.reschedule("report", Schedule.cron("0 0 7 * * *", ZoneId.of("Europe/Berlin")));

        JsonNode body = json.readTree(get("/actuator/jobs/report").body());
        assertThat(body.get("state").asString()).isEqualTo("scheduled");
        assertThat(body.has("problem")).isFalse();
        assertThat(body.get("nextFireTimes")).hasSize(5);
        assertThat(get("/actuator/health/jobs").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return EndpointHttp.get(port, path);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return EndpointHttp.post(port, path, body);
    }

    static class Jobs {
        @ScheduledJob(id = "report", cron = "0 0 7 * * *", zone = "Europe/Berlin", tags = "reports")
        void report() {
        }

        @ScheduledJob(id = "counter", cron = "0 0 0 1 1 *")
        void counter() {
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    public static class App {
        @Bean
        Jobs jobs() {
            return new Jobs();
        }
    }
}
