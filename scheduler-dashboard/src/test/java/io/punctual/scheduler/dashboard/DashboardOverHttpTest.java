package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.punctual.scheduler.dashboard.DashboardTestJobs.XSS_ERROR;
import static io.punctual.scheduler.dashboard.DashboardTestJobs.XSS_ID;
import static io.punctual.scheduler.dashboard.Http.enc;
import static io.punctual.scheduler.dashboard.Http.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboard over real HTTP in an application without Spring Security, actions enabled. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "punctual.dashboard.actions-enabled=true", "punctual.node-id=dash-node", "punctual.shutdown.await=1s"})
class DashboardOverHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void listsEveryJobWithStateScheduleZoneNextFireOutcomeFailuresRunningAndTags() {
        HttpResponse<String> page = http.get("/punctual");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String html = page.body();
        assertThat(jobIds(html)).containsExactly("<script>alert('id')</script>", "broken", "counter", "off", "poller",
                "report", "ticker");
        String report = row(html, "report");
        assertThat(report).contains("state-scheduled").contains("<code>cron 0 0 7 * * *</code>")
                .contains("at 07:00").contains("Europe/Berlin").contains("never ran")
                .contains("href=\"/punctual?tag=reports\"");
        Instant next = scheduler.job("report").orElseThrow().nextFireTime();
        assertThat(report).contains("<time datetime=\"" + next + "\"").containsPattern("in \\d+ (h|min|s|day)");
        assertThat(row(html, "poller")).contains("every 1 hour").contains("<code>fixedRate PT1H</code>");
        assertThat(row(html, "off")).contains("state-disabled");
        assertThat(html).contains("<dd><code>dash-node</code></dd>").contains("<dt>Store</dt><dd>memory</dd>")
                .contains("<dt>Store reachable</dt><dd><span class=\"badge good\">yes</span>");
        assertThat(html).contains("href=\"/punctual/dashboard.css\"").contains("src=\"/punctual/dashboard.js\"")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void filtersByTagStateAndTextWithQueryParameters() {
        assertThat(jobIds(http.get("/punctual?tag=io").body())).containsExactly("counter", "poller");
        assertThat(jobIds(http.get("/punctual?state=disabled").body())).containsExactly("off");
        assertThat(jobIds(http.get("/punctual?q=PT1H").body())).containsExactly("poller");
        assertThat(jobIds(http.get("/punctual?q=REP").body())).containsExactly("report");
        assertThat(jobIds(http.get("/punctual?q=at+07:00&tag=reports&state=scheduled").body())).containsExactly("report");
        String none = http.get("/punctual?tag=io&state=disabled").body();
        assertThat(jobIds(none)).isEmpty();
        assertThat(none).contains("0 of 7 jobs").contains("No job matches these filters.")
                .contains("<option value=\"disabled\" selected>");
    }

    @Test
    void jobPageShowsTheNextTenFireTimesThePoliciesAndTheSchedule() {
        String html = http.get("/punctual/job?id=poller").body();

        List<Instant> expected = scheduler.nextFireTimes("poller", 10);
        assertThat(expected).hasSize(10);
        String next = html.substring(html.indexOf("<ol class=\"next\">"), html.indexOf("</ol>"));
        for (Instant t : expected) {
            assertThat(next).contains("<time datetime=\"" + t + "\"");
        }
        assertThat(html).contains("<dt>Retries</dt><dd>2</dd>").contains("<dt>Timeout</dt><dd>30 seconds <code>PT30S</code></dd>")
                .contains("<dt>Max instances</dt><dd>1</dd>").contains("<dt>Misfire</dt><dd>fire-now</dd>")
                .contains("<dt>Scope</dt><dd>cluster</dd>").contains("<dt>Initial delay</dt><dd>1 hour <code>PT1H</code></dd>");
    }

    @Test
    void jobPageShowsEveryHistoryFieldAndAChartOfRecentRuns() {
        await().atMost(Duration.ofSeconds(15)).until(() -> scheduler.history("ticker", 10).size() >= 3);

        ExecutionRecord row = scheduler.history("ticker", 1).get(0);
        String html = http.get("/punctual/job?id=ticker").body();

        assertThat(html).contains("<code class=\"exec\">" + row.executionId() + "</code>")
                .contains("<time datetime=\"" + row.scheduledTime() + "\"").contains("<time datetime=\"" + row.startTime() + "\"")
                .contains("<time datetime=\"" + row.endTime() + "\"").contains("<code>dash-node</code>");
        for (String header : List.of("Outcome", "Scheduled", "Started", "Ended", "Duration", "Lateness", "Attempt",
                "Count", "Node", "Execution", "Error", "Detail")) {
            assertThat(html).contains("<th>" + header + "</th>");
        }
        assertThat(html).contains("<svg class=\"chart\"").contains("aria-label=\"Duration and lateness of the last")
                .containsPattern("<rect [^>]*class=\"bar\"><title>[^<]*success · duration");
    }

    @Test
    void errorTextsAndJobIdsAreEscapedEverywhere() {
        scheduler.trigger("broken");
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.history("broken", 1).size() == 1);

        String list = http.get("/punctual").body();
        String job = http.get("/punctual/job?id=broken").body();
        String scripted = http.get("/punctual/job?id=" + enc(XSS_ID)).body();
        String notFound = http.get("/punctual/job?id=" + enc("<i>nope</i>")).body();

        for (String html : List.of(list, job, scripted, notFound)) {
            assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>bold")
                    .doesNotContain("<i>nope");
        }
        assertThat(list).contains("&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;").contains("&lt;b&gt;bold&lt;/b&gt;")
                .contains("href=\"/punctual/job?id=%3Cscript%3Ealert%28%27id%27%29%3C%2Fscript%3E\"");
        assertThat(job).contains("<details class=\"error\"><summary>java.lang.IllegalStateException: "
                + "&lt;img src=x onerror=alert(&#39;error&#39;)&gt;</summary>");
        assertThat(scripted).contains("<span class=\"job-id\">&lt;script&gt;");
        assertThat(notFound).contains("No job with id &#39;&lt;i&gt;nope&lt;/i&gt;&#39;.");
        assertThat(XSS_ERROR).startsWith("<img");
    }

    @Test
    void anActionWithoutConfirmationAnswersAConfirmationPageAndChangesNothing() {
        HttpResponse<String> page = http.post("/punctual/action", form("action", "pause", "id", "counter"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Pause job &#39;counter&#39;? Its fires are held until it is resumed.")
                .contains("<input type=\"hidden\" name=\"confirm\" value=\"yes\">")
                .contains("<a href=\"/punctual/job?id=counter\">Cancel</a>");
        assertThat(scheduler.job("counter").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void aConfirmedPauseRedirectsToTheJobPageWhichShowsTheResultAndResumeUndoesIt() {
        HttpResponse<String> paused = http.post("/punctual/action", form("action", "pause", "id", "counter", "confirm", "yes"));

        assertThat(paused.statusCode()).isEqualTo(303);
        String location = paused.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/punctual/job?id=counter&done=pause");
        assertThat(scheduler.job("counter").orElseThrow().state()).isEqualTo(JobState.PAUSED);
        String page = http.get(location).body();
        assertThat(page).contains("<p class=\"notice\" role=\"status\">Paused job &#39;counter&#39;.</p>")
                .contains("state-paused").contains("value=\"resume\"");

        http.post("/punctual/action", form("action", "resume", "id", "counter", "confirm", "yes"));
        assertThat(scheduler.job("counter").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void aConfirmedTriggerRunsTheJobAndItsHistoryRowSaysWhoTriggeredIt() {
        int before = DashboardTestJobs.runs(XSS_ID);
        HttpResponse<String> response = http.post("/punctual/action", form("action", "trigger", "id", XSS_ID, "confirm", "yes"));

        assertThat(response.statusCode()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(10)).until(() -> DashboardTestJobs.runs(XSS_ID) == before + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.history(XSS_ID, 1).isEmpty());
        assertThat(scheduler.history(XSS_ID, 1).get(0).detail()).startsWith("triggered by anonymous (");
        assertThat(http.get(response.headers().firstValue("Location").orElseThrow()).body())
                .contains("Triggered job &#39;&lt;script&gt;");
    }

    @Test
    void pausingATagPausesEveryJobCarryingItAndTheListSaysHowMany() {
        HttpResponse<String> response = http.post("/punctual/action", form("action", "pauseTag", "tag", "reports", "confirm", "yes"));

        assertThat(response.headers().firstValue("Location").orElseThrow()).isEqualTo("/punctual?tag=reports&done=pauseTag&count=1");
        assertThat(scheduler.job("report").orElseThrow().state()).isEqualTo(JobState.PAUSED);
        String page = http.get("/punctual?tag=reports&done=pauseTag&count=1").body();
        assertThat(page).contains("Paused the 1 job(s) tagged &#39;reports&#39;.").contains("value=\"resumeTag\"");

        http.post("/punctual/action", form("action", "resumeTag", "tag", "reports", "confirm", "yes"));
        assertThat(scheduler.job("report").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void badActionsAreAnsweredWithAClearPageAndTheRightStatus() {
        HttpResponse<String> unknownJob = http.post("/punctual/action", form("action", "pause", "id", "nope", "confirm", "yes"));
        HttpResponse<String> unknownAction = http.post("/punctual/action", form("action", "explode", "id", "counter"));
        HttpResponse<String> missingId = http.post("/punctual/action", form("action", "pause"));
        HttpResponse<String> disabled = http.post("/punctual/action", form("action", "trigger", "id", "off", "confirm", "yes"));
        HttpResponse<String> pauseDisabled = http.post("/punctual/action", form("action", "pause", "id", "off", "confirm", "yes"));
        HttpResponse<String> crossSite = http.post("/punctual/action", form("action", "pause", "id", "counter", "confirm", "yes"),
                "Sec-Fetch-Site", "cross-site");

        assertThat(unknownJob.statusCode()).isEqualTo(404);
        assertThat(unknownJob.body()).contains("No job with id &#39;nope&#39;.");
        assertThat(unknownAction.statusCode()).isEqualTo(400);
        assertThat(unknownAction.body()).contains("Unknown action &#39;explode&#39;; allowed: trigger, pause, resume, pauseTag, resumeTag.");
        assertThat(missingId.statusCode()).isEqualTo(400);
        assertThat(missingId.body()).contains("Action &#39;pause&#39; needs the parameter id.");
        assertThat(disabled.statusCode()).isEqualTo(409);
        assertThat(disabled.body()).contains("Job &#39;off&#39; is disabled and cannot be triggered");
        assertThat(pauseDisabled.statusCode()).isEqualTo(409);
        assertThat(pauseDisabled.body()).contains("Job &#39;off&#39; is disabled and cannot be paused");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(scheduler.job("counter").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(http.get("/punctual/job?id=nope").statusCode()).isEqualTo(404);
    }

    @Test
    void stylesAndScriptComeFromTheJar() {
        HttpResponse<String> css = http.get("/punctual/dashboard.css");
        HttpResponse<String> js = http.get("/punctual/dashboard.js");

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(css.body()).contains("svg.chart");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(js.body()).contains("data-confirm").contains("DOMParser");
    }

    static List<String> jobIds(String html) {
        Matcher m = Pattern.compile("<tr data-job=\"([^\"]*)\">").matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&quot;", "\"")
                    .replace("&amp;", "&"));
        }
        return ids;
    }

    static String row(String html, String id) {
        int start = html.indexOf("<tr data-job=\"" + id + "\">");
        assertThat(start).as("row of job " + id).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
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
