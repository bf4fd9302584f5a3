package io.punctual.scheduler.benchmarks.peers;

import io.punctual.scheduler.annotation.ScheduledJob;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * S7's probe, one JVM per start: {@code StartupProbe with|without}. A small application shaped like the sample
 * app (JPA on embedded H2, three {@code @ScheduledJob} methods) starts with Punctual's auto-configuration, or with
 * it excluded; prints {@code STARTUP <ms since JVM start> <heap MiB after GC> <main thread's CPU ms> <JVM's CPU ms>}
 * (both CPU figures as {@code run} returned) and exits.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws IOException {
        boolean with = args[0].equals("with");
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        List<String> properties = new ArrayList<>(List.of("--logging.level.root=WARN"));
        if (!with) {
            properties.add("--spring.autoconfigure.exclude=" + String.join(",", punctualAutoConfigurations()));
        }
        ConfigurableApplicationContext context = app.run(properties.toArray(String[]::new));
        long millis = ManagementFactory.getRuntimeMXBean().getUptime();
        // CPU as well as time: on a shared machine the wall clock varies with the neighbours, the work done much less
        long mainCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        long jvmCpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000 : -1;
        System.out.println(String.format(Locale.ROOT, "STARTUP %d %.1f %d %d", millis, Environment.heapMiB(), mainCpu, jvmCpu));
        context.close();
        System.exit(0);
    }

    /** Punctual's auto-configuration classes, as its starter lists them. */
    static List<String> punctualAutoConfigurations() throws IOException {
        List<String> out = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            for (String line : r.getContentAsString(StandardCharsets.UTF_8).split("\n")) {
                if (line.trim().startsWith("io.punctual.")) {
                    out.add(line.trim());
                }
            }
        }
        return out;
    }

    /** The application. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Jobs.class)
    public static class App {
    }

    /** Three jobs, none due during the probe. */
    public static class Jobs {

        @ScheduledJob(cron = "0 0 3 * * *")
        public void nightly() {
        }

        @ScheduledJob(fixedRate = "1h", initialDelay = "1h")
        public void hourly() {
        }

        @ScheduledJob(fixedDelay = "30m", initialDelay = "1h")
        public void cleanup() {
        }
    }
}
