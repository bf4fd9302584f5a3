package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobScheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

import java.time.Clock;

/**
 * The jobs dashboard at {@code punctual.dashboard.path} (default {@code /punctual}) in a servlet web application
 * with a {@link JobScheduler}. With Spring Security on the class path, pages need an authenticated user and actions
 * the role {@code punctual.dashboard.action-role}; see {@link SpringSecurityDashboardAccess}.
 */
@AutoConfiguration(afterName = "io.punctual.scheduler.boot.PunctualAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(JobScheduler.class)
@ConditionalOnProperty(prefix = "punctual.dashboard", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(PunctualDashboardProperties.class)
public final class PunctualDashboardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DashboardController punctualDashboardController(JobScheduler scheduler, PunctualDashboardProperties properties,
                                                    DashboardAccess access, ObjectProvider<Clock> clock) {
        DashboardPaths.check(properties.getPath());
        return new DashboardController(scheduler, properties, access, clock.getIfUnique(Clock::systemUTC));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    static class WithSpringSecurity {

        @Bean
        @ConditionalOnMissingBean
        DashboardAccess punctualDashboardAccess(PunctualDashboardProperties properties) {
            return new SpringSecurityDashboardAccess(DashboardPaths.checkRole(properties.getActionRole()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.core.context.SecurityContextHolder")
    static class WithoutSpringSecurity {

        @Bean
        @ConditionalOnMissingBean
        DashboardAccess punctualDashboardAccess() {
            return new ServletDashboardAccess();
        }
    }
}
