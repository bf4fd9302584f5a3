package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The page in a real headless Chromium follows changes made elsewhere without being reloaded. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"punctual.dashboard.actions-enabled=true",
        "punctual.dashboard.refresh-interval=1s", "punctual.shutdown.await=1s"})
class LiveRefreshInBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    @TempDir
    Path profile;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start(profile);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theListShowsAJobPausedElsewhereWithoutAReloadAndKeepsTheFilters() throws Exception {
        browser.get("http://localhost:" + port + "/punctual?q=o");
        By reportState = By.cssSelector("tr[data-job='report'] .badge");
        // read in one script call: the refresh may replace the row between a find and a read
        assertThat(browser.executeScript("return document.querySelector(\"tr[data-job='report'] .badge\").textContent"))
                .isEqualTo("scheduled");
        browser.executeScript("window.notReloaded = true");

        scheduler.pause("report");

        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(reportState, "paused"));
        assertThat(browser.executeScript("return window.notReloaded")).isEqualTo(true);
        assertThat(browser.findElement(By.name("q")).getAttribute("value")).isEqualTo("o");
        Files.createDirectories(DashboardInBrowserTest.SCREENSHOTS);
        Files.write(DashboardInBrowserTest.SCREENSHOTS.resolve("jobs-refreshed.png"), browser.getScreenshotAs(OutputType.BYTES));
        scheduler.resume("report");
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
