package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = JobsEndpointOverHttpTest.App.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,jobs,metrics,prometheus",
        "management.endpoint.health.show-details=always",
        "management.metrics.distribution.percentiles-histogram.punctual.job.lateness=true",
        "punctual.node-id=test-node", "punctual.shutdown.await=1s"})
class JobsEndpointOverHttpTest {

    static final String NEVER = "0 0 0 1 1 *";
    static final List<String> SUMMARY_FIELDS = List.of("id", "schedule", "zone", "startAt", "endAt", "state", "running", "nextFireTime",
            "lastFireTime", "lastOutcome", "consecutiveFailures", "tags", "onResume");
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    static void ran(String id) {
        RUNS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    static int runs(String id) {
        return RUNS.getOrDefault(id, new AtomicInteger()).get();
    }

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    @Test
    void listsTheSchedulerAndEveryJobInIdOrder() throws Exception {
        HttpResponse<String> response = get("/actuator/jobs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("scheduler").toString())
                .isEqualTo("{\"state\":\"running\",\"node\":\"test-node\",\"store\":\"jpa\",\"storeStatus\":\"reachable\"}");
        assertThat(EndpointHttp.ids(body.get("jobs"))).containsExactly("broken", "counter", "metered", "off", "reportJobs.daily", "ticker",
                "windowed");
        JsonNode daily = body.get("jobs").get(4);
        assertThat(EndpointHttp.fieldNames(daily)).containsExactlyElementsOf(SUMMARY_FIELDS);
        assertThat(daily.get("schedule").asString()).isEqualTo("cron 0 0 7 * * *");
        assertThat(daily.get("zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(daily.get("startAt").isNull()).as("no window: null").isTrue();
        assertThat(daily.get("endAt").isNull()).as("no window: null").isTrue();
        assertThat(daily.get("state").asString()).isEqualTo("scheduled");
        assertThat(daily.get("running").asInt()).isZero();
        assertThat(Instant.parse(daily.get("nextFireTime").asString())).isAfter(Instant.now());
        assertThat(daily.get("lastFireTime").isNull()).isTrue();
        assertThat(daily.get("lastOutcome").isNull()).isTrue();
        assertThat(daily.get("consecutiveFailures").asInt()).isZero();
        assertThat(daily.get("tags").toString()).isEqualTo("[\"reports\"]");
    }

    @Test
    void detailOfAJobWhoseIdHasADotShowsItsNextFiveFireTimes() throws Exception {
        HttpResponse<String> response = get("/actuator/jobs/reportJobs.daily");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(EndpointHttp.fieldNames(body)).containsAll(SUMMARY_FIELDS).contains("nextFireTimes", "history").hasSize(15);
        assertThat(body.get("id").asString()).isEqualTo("reportJobs.daily");
        List<ZonedDateTime> next = new ArrayList<>();
        body.get("nextFireTimes").forEach(t -> next.add(Instant.parse(t.asString()).atZone(ZoneId.of("Europe/Berlin"))));
        assertThat(next).hasSize(5).allSatisfy(t -> assertThat(t.getHour()).isEqualTo(7));
        for (int i = 1; i < next.size(); i++) {
            assertThat(next.get(i).toLocalDate()).isEqualTo(next.get(i - 1).toLocalDate().plusDays(1));
        }
        assertThat(next.get(0).toInstant().toString()).isEqualTo(body.get("nextFireTime").asString());
        assertThat(body.get("history").isEmpty()).isTrue();
    }

    @Test
    void aJobsStartAtAndEndAtAreListedAndShownInItsDetail() throws Exception {
        JsonNode listed = json.readTree(get("/actuator/jobs").body()).get("jobs").get(6);
        assertThat(listed.get("id").asString()).isEqualTo("windowed");
        assertThat(listed.get("startAt").asString()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(listed.get("endAt").asString()).isEqualTo("2031-06-30T12:00:00Z");
        assertThat(listed.get("nextFireTime").asString()).isEqualTo("2030-01-01T00:00:00Z");

        JsonNode detail = json.readTree(get("/actuator/jobs/windowed").body());
        assertThat(detail.get("startAt").asString()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(detail.get("endAt").asString()).isEqualTo("2031-06-30T12:00:00Z");

        JsonNode onlyEnd = json.readTree(get("/actuator/jobs/counter").body());
        assertThat(onlyEnd.get("startAt").isNull()).isTrue();
        assertThat(onlyEnd.get("endAt").asString()).isEqualTo("2099-12-31T00:00:00Z");

        HttpResponse<String> paused = post("/actuator/jobs/windowed", "{\"action\":\"pause\"}");
        assertThat(json.readTree(paused.body()).get("startAt").asString()).as("the summary after an action has it too")
                .isEqualTo("2030-01-01T00:00:00Z");
        post("/actuator/jobs/windowed", "{\"action\":\"resume\"}");
    }

    @Test
    void triggerRunsTheJobOnceAndItsHistoryRowHasEveryField() throws Exception {
        HttpResponse<String> response = post("/actuator/jobs/counter", "{\"action\":\"trigger\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("id").asString()).isEqualTo("counter");
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.history("counter", 10).size() == 1);
        assertThat(runs("counter")).isEqualTo(1);

        JsonNode row = json.readTree(get("/actuator/jobs/counter").body()).get("history").get(0);
        assertThat(EndpointHttp.fieldNames(row)).containsExactly("executionId", "scheduledTime", "startTime", "endTime",
                "durationMs", "outcome", "node", "attempt", "count", "error", "detail");
        assertThat(row.get("executionId").asString()).isNotBlank();
        Instant start = Instant.parse(row.get("startTime").asString());
        Instant end = Instant.parse(row.get("endTime").asString());
        assertThat(start).isAfterOrEqualTo(Instant.parse(row.get("scheduledTime").asString()));
        assertThat(row.get("durationMs").asLong()).isEqualTo(Duration.between(start, end).toMillis());
        assertThat(row.get("outcome").asString()).isEqualTo("success");
        assertThat(row.get("node").asString()).isEqualTo("test-node");
        assertThat(row.get("attempt").asInt()).isEqualTo(1);
        assertThat(row.get("count").asLong()).isEqualTo(1);
        assertThat(row.get("error").isNull()).isTrue();
        assertThat(row.get("detail").isNull()).isTrue();
    }

    @Test
    void failedRunShowsItsErrorInTheSummaryAndHistory() throws Exception {
        post("/actuator/jobs/broken", "{\"action\":\"trigger\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.history("broken", 10).size() == 1);

        JsonNode body = json.readTree(get("/actuator/jobs/broken").body());
        assertThat(body.get("lastOutcome").asString()).isEqualTo("failure");
        assertThat(body.get("consecutiveFailures").asInt()).isEqualTo(1);
        assertThat(body.get("history").get(0).get("outcome").asString()).isEqualTo("failure");
        assertThat(body.get("history").get(0).get("error").asString()).isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void pauseStopsFiresAndResumeStartsThemAgain() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("ticker") >= 2);

        HttpResponse<String> paused = post("/actuator/jobs/ticker", "{\"action\":\"pause\"}");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json.readTree(paused.body()).get("state").asString()).isEqualTo("paused");
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.job("ticker").orElseThrow().running() == 0);
        int afterPause = runs("ticker");
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> runs("ticker") == afterPause);

        HttpResponse<String> resumed = post("/actuator/jobs/ticker", "{\"action\":\"resume\"}");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(resumed.body()).get("state").asString()).isEqualTo("scheduled");
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("ticker") >= afterPause + 2);
    }

    @Test
    void triggerOfADisabledJobIs409WithAJsonErrorBodyAndRunsNothing() throws Exception {
        HttpResponse<String> response = post("/actuator/jobs/off", "{\"action\":\"trigger\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(json.readTree(response.body()).toString()).contains("Job 'off' is disabled and cannot be triggered");
        assertThat(scheduler.history("off", 10)).isEmpty();
    }

    @Test
    void pauseAndResumeOfADisabledJobAre409WithAJsonErrorBodySayingHowToEnableIt() throws Exception {
        for (String action : List.of("pause", "resume")) {
            HttpResponse<String> response = post("/actuator/jobs/off", "{\"action\":\"" + action + "\"}");

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("status").asInt()).isEqualTo(409);
            assertThat(body.get("job").asString()).isEqualTo("off");
            assertThat(body.get("message").asString()).startsWith("Job 'off' is disabled and cannot be " + action + "d")
                    .contains("punctual.jobs.off.enabled=true");
        }
        assertThat(json.readTree(get("/actuator/jobs/off").body()).get("state").asString()).isEqualTo("disabled");
    }

    @Test
    void unknownJobIs404WithAJsonErrorBody() throws Exception {
        for (HttpResponse<String> response : List.of(get("/actuator/jobs/nope"),
                post("/actuator/jobs/nope", "{\"action\":\"trigger\"}"), post("/actuator/jobs/nope", "{\"action\":\"explode\"}"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("json");
            assertThat(json.readTree(response.body()).toString()).isEqualTo("{\"status\":404,\"error\":\"Not Found\","
                    + "\"message\":\"No job with id 'nope'; GET /actuator/jobs lists the jobs\",\"job\":\"nope\"}");
        }
    }

    @Test
    void unknownActionIs400WithAJsonErrorBodyAndChangesNothing() throws Exception {
        HttpResponse<String> response = post("/actuator/jobs/reportJobs.daily", "{\"action\":\"explode\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).toString()).isEqualTo("{\"status\":400,\"error\":\"Bad Request\","
                + "\"message\":\"Unknown action 'explode' for job 'reportJobs.daily'; allowed: trigger, pause, resume\","
                + "\"job\":\"reportJobs.daily\",\"allowed\":[\"trigger\",\"pause\",\"resume\"]}");
        assertThat(scheduler.job("reportJobs.daily").orElseThrow().state().word()).isEqualTo("scheduled");
    }

    @Test
    void healthHasAJobsContributorWithDetails() throws Exception {
        HttpResponse<String> response = get("/actuator/health/jobs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asString()).isEqualTo("UP");
        assertThat(body.get("details").get("state").asString()).isEqualTo("running");
        assertThat(body.get("details").get("node").asString()).isEqualTo("test-node");
        assertThat(body.get("details").get("storeReachable").asBoolean()).isTrue();
    }

    @Test
    void prometheusExposesTheMetersUnderTheirPrometheusNamesWithAJobIdLabel() throws Exception {
        post("/actuator/jobs/metered", "{\"action\":\"trigger\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.history("metered", 10).size() == 1);

        String scrape = get("/actuator/prometheus").body();

        assertThat(scrape).containsPattern("(?m)^punctual_job_execution_seconds_count\\{job_id=\"metered\",outcome=\"success\"} 1(\\.0)?$")
                .containsPattern("(?m)^punctual_job_lateness_seconds_count\\{job_id=\"metered\"} 1(\\.0)?$")
                .containsPattern("(?m)^punctual_job_lateness_seconds_bucket\\{job_id=\"metered\",le=\"\\+Inf\"} 1(\\.0)?$")
                .containsPattern("(?m)^punctual_job_active\\{job_id=\"metered\"} 0(\\.0)?$")
                .containsPattern("(?m)^punctual_job_last_success_seconds\\{job_id=\"metered\"} \\d\\.\\d+E9$")
                .containsPattern("(?m)^punctual_jobs\\{state=\"paused\"} \\d")
                .containsPattern("(?m)^punctual_jobs\\{state=\"scheduled\"} \\d")
                .doesNotContainPattern("\\{job=");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return EndpointHttp.get(port, path);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return EndpointHttp.post(port, path, body);
    }

    static class ReportJobs {
        @ScheduledJob(cron = "0 0 7 * * *", zone = "Europe/Berlin", tags = "reports")
        void daily() {
            ran("reportJobs.daily");
        }
    }

    static class OtherJobs {
        @ScheduledJob(id = "counter", cron = NEVER, endAt = "2099-12-31T00:00:00Z")
        void counter() {
            ran("counter");
        }

        @ScheduledJob(id = "metered", cron = NEVER)
        void metered() {
            ran("metered");
        }

        @ScheduledJob(id = "broken", cron = NEVER)
        void broken() {
            throw new IllegalStateException("boom");
        }

        @ScheduledJob(id = "off", cron = NEVER, enabled = "false")
        void off() {
        }

        @ScheduledJob(id = "ticker", fixedRate = "100ms")
        void ticker() {
            ran("ticker");
        }

        @ScheduledJob(id = "windowed", fixedRate = "1h", startAt = "2030-01-01T00:00:00Z", endAt = "2031-06-30T12:00:00Z")
        void windowed() {
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    public static class App {
        @Bean
        ReportJobs reportJobs() {
            return new ReportJobs();
        }

        @Bean
        OtherJobs otherJobs() {
            return new OtherJobs();
        }
    }
}
