package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code jobs} Actuator endpoint, when Actuator is on the class path and the endpoint is available
 * (enabled and exposed, e.g. {@code management.endpoints.web.exposure.include=health,jobs}).
 */
@AutoConfiguration(after = PunctualAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(JobScheduler.class)
@ConditionalOnAvailableEndpoint(JobsEndpoint.class)
public final class PunctualEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JobsEndpoint jobsEndpoint(JobScheduler scheduler) {
        return new JobsEndpoint(scheduler);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JobsEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    JobsEndpointWebExtension jobsEndpointWebExtension(JobsEndpoint endpoint) {
        return new JobsEndpointWebExtension(endpoint);
    }
}
