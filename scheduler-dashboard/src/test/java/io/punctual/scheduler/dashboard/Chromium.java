package io.punctual.scheduler.dashboard;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A headless Chromium from the machine's packages (Debian: {@code apt-get install chromium chromium-driver}),
 * driven by Selenium. Tests using it are skipped, with the reason, when the browser or its driver is missing.
 * {@code CHROMIUM_BIN} and {@code CHROMEDRIVER_BIN} point elsewhere.
 */
final class Chromium {

    private Chromium() {
    }

    /** Skips the calling test (a JUnit assumption) unless Chromium and its driver are installed. */
    static ChromeDriver start(Path profileDir) {
        return start(profileDir, true);
    }

    /** Like {@link #start(Path)}, with JavaScript switched off when {@code javascript} is false. */
    static ChromeDriver start(Path profileDir, boolean javascript) {
        Optional<String> browser = find("CHROMIUM_BIN", List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
        Optional<String> driver = find("CHROMEDRIVER_BIN", List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"));
        assumeTrue(browser.isPresent() && driver.isPresent(), "Browser test skipped: Chromium "
                + (browser.isPresent() ? "found at " + browser.get() : "not found") + ", chromedriver "
                + (driver.isPresent() ? "found at " + driver.get() : "not found")
                + "; install them with 'apt-get install chromium chromium-driver' (.ci/run does) or set CHROMIUM_BIN and CHROMEDRIVER_BIN");
        ChromeOptions options = new ChromeOptions().setBinary(browser.get()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage", "--window-size=1440,1000", "--lang=en-GB",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        if (!javascript) {
            options.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver.get()))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Optional<String> find(String env, List<String> candidates) {
        String configured = System.getenv(env);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured).filter(p -> Files.isExecutable(Path.of(p)));
        }
        return candidates.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }
}
