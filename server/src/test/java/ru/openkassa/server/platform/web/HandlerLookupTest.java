package ru.openkassa.server.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import ru.openkassa.server.support.ApiTest;

@ApiTest
class HandlerLookupTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyMappingOfTheApplicationIsFoundAsSpringsFullLookupFindsIt() throws Exception {
        assertThat(mapping).isInstanceOf(HandlerLookup.IndexedMapping.class);
        HandlerLookup.IndexedMapping indexed = (HandlerLookup.IndexedMapping) mapping;
        List<String> compared = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : indexed.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                String path = pattern.replaceAll("\\{[^}]*}", "x1").replace("**", "a/b").replace("*", "a");
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    assertThat(lookup(indexed, method.name(), path, true))
                            .as(method + " " + path).isEqualTo(lookup(indexed, method.name(), path, false));
                    compared.add(method + " " + path);
                }
            }
        }
        assertThat(compared).contains("POST /possystem/x1/x1/x1", "POST /device/v1/tasks/x1/ack");
        // what no mapping takes, or takes with another method, is answered by Spring's own lookup
        assertThat(lookup(indexed, "DELETE", "/possystem/v5/shop/sell", true))
                .isEqualTo(lookup(indexed, "DELETE", "/possystem/v5/shop/sell", false)).startsWith("error");
        assertThat(lookup(indexed, "GET", "/device/v1/nowhere", true))
                .isEqualTo(lookup(indexed, "GET", "/device/v1/nowhere", false));
    }

    /** The handler found, or the error's class: both lookups must agree on either. */
    private static String lookup(HandlerLookup.IndexedMapping mapping, String method, String path, boolean indexed) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerMethod handler = indexed ? mapping.lookupHandlerMethod(path, request) : mapping.fullLookup(path, request);
            return handler == null ? "none" : handler.getMethod().toString();
        } catch (Exception e) {
            return "error " + e.getClass().getSimpleName();
        }
    }
}
