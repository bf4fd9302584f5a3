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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

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
    JobsEndpoint jobsEndpoint(JobScheduler scheduler, ObjectProvider<Clock> clock) {
        return new JobsEndpoint(scheduler, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JobsEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    JobsEndpointWebExtension jobsEndpointWebExtension(JobsEndpoint endpoint) {
        return new JobsEndpointWebExtension(endpoint);
    }

    /**
     * A POST without a JSON content type, or (with Jackson) with a JSON body that is not an object or an action that
     * is not one word, gets the endpoint's JSON error body on a servlet web server.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.filter.OncePerRequestFilter")
    @ConditionalOnAvailableEndpoint(endpoint = JobsEndpoint.class, exposure = EndpointExposure.WEB)
    static class ContentTypeFilterConfiguration {

        @Bean
        JobsEndpointContentTypeFilter punctualJobsEndpointContentTypeFilter(ObjectProvider<PathMappedEndpoints> endpoints) {
            boolean jackson = org.springframework.util.ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
                    JobsEndpointContentTypeFilter.class.getClassLoader());
            return new JobsEndpointContentTypeFilter(() -> {
                PathMappedEndpoints mapped = endpoints.getIfAvailable();
                return mapped == null ? null : mapped.getPath(EndpointId.of("jobs"));
            }, jackson ? new JobsEndpointJsonBodyCheck() : null);
        }
    }
}
