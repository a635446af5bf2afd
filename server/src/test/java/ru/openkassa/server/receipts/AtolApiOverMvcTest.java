package ru.openkassa.server.receipts;

import org.springframework.test.context.TestPropertySource;

/** The ATOL tests once more with registration served by the controller, as where the handler is off. */
@TestPropertySource(properties = "openkassa.atol.direct-intake=false")
class AtolApiOverMvcTest extends AtolApiTest {

    @Override
    boolean direct() {
        return false;
    }
}
