package ru.openkassa.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Features reach each other only through their top-level package (their public service and values). */
class ModularityTests {

    @Test
    void featuresRespectTheirBoundaries() {
        ApplicationModules.of(OpenKassaApplication.class).verify();
    }
}
