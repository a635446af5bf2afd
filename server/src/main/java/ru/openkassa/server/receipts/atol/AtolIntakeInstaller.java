package ru.openkassa.server.receipts.atol;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import ru.openkassa.server.platform.web.FrontHandlers;
import ru.openkassa.server.platform.web.RequestTimers;

/**
 * Puts {@link AtolIntakeHandler} right in front of the servlet context ({@link FrontHandlers}).
 * {@code openkassa.atol.direct-intake=false} leaves registration to the controller.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "openkassa.atol.direct-intake", havingValue = "true", matchIfMissing = true)
class AtolIntakeInstaller {

    @Bean
    JettyServerCustomizer atolIntakeHandler(ObjectProvider<AtolIntake> intake, ObjectProvider<JsonMapper> json,
            ObjectProvider<MeterRegistry> meters) {
        return FrontHandlers.installer(path -> new AtolIntakeHandler(path,
                () -> new AtolIntakeHandler.Services(intake.getObject(), json.getObject(),
                        new RequestTimers(meters.getObject()))));
    }
}
