package ru.openkassa.server.receipts.atol;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts {@link AtolIntakeHandler} right in front of the servlet context, inside whatever Spring Boot
 * wraps around it (graceful shutdown counts its requests, compression applies to its answers).
 * {@code openkassa.atol.direct-intake=false} leaves registration to the controller.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "openkassa.atol.direct-intake", havingValue = "true", matchIfMissing = true)
class AtolIntakeInstaller {

    @Bean
    JettyServerCustomizer atolIntakeHandler(ObjectProvider<AtolIntake> intake, ObjectProvider<JsonMapper> json,
            ObjectProvider<MeterRegistry> meters) {
        return server -> install(server, new AtolIntakeHandler(context(server).getContextPath(),
                () -> new AtolIntakeHandler.Services(intake.getObject(), json.getObject(), meters.getObject())));
    }

    private static void install(Server server, AtolIntakeHandler handler) {
        ServletContextHandler context = context(server);
        Handler.Singleton parent = server.getHandler() == context ? server
                : server.getDescendants(Handler.Singleton.class).stream().filter(h -> h.getHandler() == context)
                        .findFirst().orElseThrow(() -> new IllegalStateException("no handler holds the servlet context"));
        parent.insertHandler(handler);
    }

    private static ServletContextHandler context(Server server) {
        ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
        if (context == null) {
            throw new IllegalStateException("the Jetty server has no servlet context to put the ATOL intake in front of");
        }
        return context;
    }
}
