package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed {@code POST /actuator/jobs/{id}} gets the documented JSON error body, naming what is allowed. */
@SpringBootTest(classes = JobsEndpointOverHttpTest.App.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,jobs,metrics,prometheus",
        "management.endpoint.health.show-details=always",
        "management.metrics.distribution.percentiles-histogram.punctual.job.lateness=true",
        "punctual.node-id=test-node", "punctual.shutdown.await=1s"})
class JobsEndpointBadRequestsTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    @Test
    void aBodyWithoutAnActionIs400WithAJsonErrorBodyNamingTheAllowedActions() throws Exception {
        for (String body : List.of("{}", "", "{\"action\":null}", "{\"acton\":\"pause\"}", "{\"action\":\"  \"}")) {
            HttpResponse<String> response = post("/actuator/jobs/counter", "application/json", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(body).contains("json");
            JsonNode error = json.readTree(response.body());
            assertThat(error.get("status").asInt()).isEqualTo(400);
            assertThat(error.get("error").asString()).isEqualTo("Bad Request");
            assertThat(error.get("job").asString()).isEqualTo("counter");
            assertThat(error.get("message").asString()).as(body)
                    .isEqualTo("No action for job 'counter': send a JSON body such as {\"action\": \"pause\"}; "
                            + "allowed: trigger, pause, resume");
            assertThat(error.get("allowed").toString()).isEqualTo("[\"trigger\",\"pause\",\"resume\"]");
        }
        assertThat(scheduler.job("counter").orElseThrow().state().word()).isEqualTo("scheduled");
    }

    @Test
    void anActionThatIsAListOrAnObjectIs400WithTheJsonErrorBodyNotActuatorsBareOne() throws Exception {
        for (String body : List.of("{\"action\":[\"pause\"]}", "{\"action\":{\"name\":\"pause\"}}")) {
            HttpResponse<String> response = post("/actuator/jobs/counter", "application/json", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonNode error = json.readTree(response.body());
            assertThat(error.get("job").asString()).as(body).isEqualTo("counter");
            assertThat(error.get("message").asString()).as(body)
                    .startsWith("The action for job 'counter' must be one word, not ")
                    .endsWith(": send a JSON body such as {\"action\": \"pause\"}; allowed: trigger, pause, resume");
            assertThat(error.get("allowed").toString()).isEqualTo("[\"trigger\",\"pause\",\"resume\"]");
        }
        HttpResponse<String> number = post("/actuator/jobs/counter", "application/json", "{\"action\":5}");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(json.readTree(number.body()).get("message").asString()).startsWith("Unknown action '5' for job 'counter'");
        assertThat(scheduler.job("counter").orElseThrow().state().word()).isEqualTo("scheduled");
    }

    @Test
    void aJsonBodyThatIsNotAnObjectIs400WithTheJsonErrorBodyNotActuatorsBareOne() throws Exception {
        for (String[] body : List.of(new String[] {"[]", "a JSON array"}, new String[] {"\"pause\"", "a JSON string"},
                new String[] {"{\"action\": \"pause\"", "not valid JSON"}, new String[] {"pause", "not valid JSON"})) {
            HttpResponse<String> response = post("/actuator/jobs/counter", "application/json", body[0]);

            assertThat(response.statusCode()).as(body[0]).isEqualTo(400);
            JsonNode error = json.readTree(response.body());
            assertThat(error.get("job").asString()).as(body[0]).isEqualTo("counter");
            assertThat(error.get("message").asString()).as(body[0]).isEqualTo("POST /actuator/jobs/counter takes a JSON "
                    + "object such as {\"action\": \"pause\"}; this body is " + body[1] + "; allowed actions: trigger, pause, resume");
        }
        assertThat(scheduler.job("counter").orElseThrow().state().word()).isEqualTo("scheduled");
        // a good body still reaches the endpoint after the filter has read it
        HttpResponse<String> ok = post("/actuator/jobs/counter", "application/json;charset=UTF-8", " {\"action\" : \"resume\"} ");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).get("state").asString()).isEqualTo("scheduled");
    }

    @Test
    void aPostWithoutAJsonContentTypeIs415WithAJsonErrorBodyNamingTheHeaderToSend() throws Exception {
        for (String contentType : List.of("application/x-www-form-urlencoded", "text/plain")) {
            HttpResponse<String> response = post("/actuator/jobs/counter", contentType, "{\"action\":\"pause\"}");

            assertThat(response.statusCode()).isEqualTo(415);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/json");
            JsonNode error = json.readTree(response.body());
            assertThat(error.get("status").asInt()).isEqualTo(415);
            assertThat(error.get("job").asString()).isEqualTo("counter");
            assertThat(error.get("message").asString()).contains("Content-Type: application/json").contains(contentType);
            assertThat(error.get("allowed").toString()).isEqualTo("[\"trigger\",\"pause\",\"resume\"]");
        }
        assertThat(scheduler.job("counter").orElseThrow().state().word()).isEqualTo("scheduled");
    }

    @Test
    void aJsonContentTypeWithACharsetOrTheActuatorMediaTypeIsAccepted() throws Exception {
        for (String contentType : List.of("application/json;charset=UTF-8", "application/vnd.spring-boot.actuator.v3+json")) {
            HttpResponse<String> response = post("/actuator/jobs/counter", contentType, "{\"action\":\"resume\"}");

            assertThat(response.statusCode()).as(contentType).isEqualTo(200);
        }
    }

    @Test
    void aPausedJobSaysWhatResumingItWillDo() throws Exception {
        HttpResponse<String> paused = post("/actuator/jobs/metered", "application/json", "{\"action\":\"pause\"}");
        try {
            JsonNode summary = json.readTree(paused.body());
            assertThat(summary.get("state").asString()).isEqualTo("paused");
            assertThat(summary.get("onResume").asString()).isEqualTo("fires at " + summary.get("nextFireTime").asString()
                    + " as scheduled");
            JsonNode listed = json.readTree(http.send(HttpRequest.newBuilder(uri("/actuator/jobs")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            listed.get("jobs").forEach(job -> assertThat(job.get("onResume").isNull())
                    .as(job.get("id").asString()).isEqualTo(!job.get("id").asString().equals("metered")));
        } finally {
            scheduler.resume("metered");
        }
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
