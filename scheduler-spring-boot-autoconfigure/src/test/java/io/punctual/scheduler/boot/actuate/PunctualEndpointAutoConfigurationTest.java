package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PunctualEndpointAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(PunctualAutoConfiguration.class, PunctualEndpointAutoConfiguration.class));

    @Test
    void createsNoEndpointUntilItIsExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(JobsEndpoint.class)
                .doesNotHaveBean(JobsEndpointWebExtension.class));
    }

    @Test
    void createsTheEndpointAndItsWebExtensionWhenExposedOverHttp() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=jobs").run(context ->
                assertThat(context).hasSingleBean(JobsEndpoint.class).hasSingleBean(JobsEndpointWebExtension.class));
    }

    @Test
    void createsNoWebExtensionWhenExposedOnlyOverJmx() {
        runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=jobs")
                .run(context -> assertThat(context).hasSingleBean(JobsEndpoint.class)
                        .doesNotHaveBean(JobsEndpointWebExtension.class));
    }

    @Test
    void createsNoEndpointWhenItIsDisabled() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=jobs", "management.endpoint.jobs.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(JobsEndpoint.class));
    }

    @Test
    void createsNoEndpointWithoutAScheduler() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=jobs", "punctual.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(JobsEndpoint.class));
    }
}
