package ru.openkassa.server.devices;

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
 * Puts {@link DeviceCallHandler} right in front of the servlet context ({@link FrontHandlers}).
 * {@code openkassa.devices.direct-calls=false} leaves the device calls to the controller.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "openkassa.devices.direct-calls", havingValue = "true", matchIfMissing = true)
class DeviceCallInstaller {

    @Bean
    JettyServerCustomizer deviceCallHandler(ObjectProvider<DeviceCalls> calls, ObjectProvider<JsonMapper> json,
            ObjectProvider<MeterRegistry> meters) {
        return FrontHandlers.installer(path -> new DeviceCallHandler(path,
                () -> new DeviceCallHandler.Services(calls.getObject(), json.getObject(),
                        new RequestTimers(meters.getObject()))));
    }
}
