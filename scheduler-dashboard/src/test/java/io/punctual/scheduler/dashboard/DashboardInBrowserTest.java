package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard in a real headless Chromium: load, filter, open a job, pause it with the confirmation, see it change. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"punctual.dashboard.actions-enabled=true",
        "punctual.dashboard.refresh-interval=0", "punctual.node-id=browser-node", "punctual.shutdown.await=1s"})
class DashboardInBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    @TempDir
    Path profile;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start(profile);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void filterOpenAJobPauseItAfterConfirmingAndSeeItsStateChange() throws Exception {
        browser.get("http://localhost:" + port + "/punctual");
        assertThat(browser.getTitle()).isEqualTo("Jobs · Punctual");
        assertThat(rowIds()).contains("counter", "poller", "report", "ticker");

        new Select(browser.findElement(By.name("tag"))).selectByVisibleText("io");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("tag=io"));
        assertThat(rowIds()).containsExactly("counter", "poller");

        browser.findElement(By.linkText("counter")).click();
        wait.until(ExpectedConditions.titleIs("counter · Punctual"));
        assertThat(browser.findElements(By.cssSelector("ol.next li"))).hasSize(10);

        browser.findElement(By.xpath("//form[input[@value='pause']]/button")).click();
        wait.until(ExpectedConditions.alertIsPresent());
        assertThat(browser.switchTo().alert().getText()).isEqualTo("Pause job 'counter'? Its fires are held until it is resumed.");
        browser.switchTo().alert().accept();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Paused job 'counter'."));
        assertThat(browser.findElement(By.cssSelector("h1 .badge")).getText()).isEqualTo("paused");
        assertThat(scheduler.job("counter").orElseThrow().state()).isEqualTo(JobState.PAUSED);
        save("job-paused.png");
        scheduler.resume("counter");
    }

    @Test
    void cancellingTheBrowsersConfirmationChangesNothing() {
        browser.get("http://localhost:" + port + "/punctual/job?id=poller");

        browser.findElement(By.xpath("//form[input[@value='pause']]/button")).click();
        wait.until(ExpectedConditions.alertIsPresent());
        browser.switchTo().alert().dismiss();

        assertThat(browser.getCurrentUrl()).endsWith("/punctual/job?id=poller");
        assertThat(scheduler.job("poller").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void withoutJavaScriptAPauseGoesThroughTheServersConfirmationPage(@TempDir Path noScriptProfile) {
        browser.quit();
        browser = Chromium.start(noScriptProfile, false);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get("http://localhost:" + port + "/punctual?tag=reports");

        browser.findElement(By.xpath("//tr[@data-job='report']//form[input[@value='pause']]/button")).click();
        wait.until(ExpectedConditions.titleIs("Confirm · Punctual"));
        assertThat(browser.findElement(By.cssSelector("p.question")).getText())
                .isEqualTo("Pause job 'report'? Its fires are held until it is resumed.");
        assertThat(scheduler.job("report").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        browser.findElement(By.cssSelector("form.confirm button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Paused job 'report'."));
        assertThat(scheduler.job("report").orElseThrow().state()).isEqualTo(JobState.PAUSED);
        scheduler.resume("report");
    }

    private List<String> rowIds() {
        return browser.findElements(By.cssSelector("table.jobs tbody tr[data-job]")).stream()
                .map(tr -> tr.getAttribute("data-job")).toList();
    }

    private void save(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
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
