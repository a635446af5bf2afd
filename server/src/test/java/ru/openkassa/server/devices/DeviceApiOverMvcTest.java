package ru.openkassa.server.devices;

import org.springframework.test.context.TestPropertySource;

/** The device API tests once more with the frequent calls served by the controller, as where the handler is off. */
@TestPropertySource(properties = "openkassa.devices.direct-calls=false")
class DeviceApiOverMvcTest extends DeviceApiTest {

    @Override
    boolean direct() {
        return false;
    }
}
