package ru.openkassa.server.platform.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the controller method of a request among the mappings that share the path's first segment.
 * Spring MVC looks up a path with variables ({@code /possystem/v5/{group}/sell},
 * {@code /device/v1/tasks/{id}/ack}) by matching it against every mapping of the application —
 * console pages, APIs, actuator, over a hundred — and a flight recording of the receipt intake put a
 * tenth of the server's CPU there. The index keeps Spring's own matching and ordering of the
 * candidates; only mappings that cannot match (another literal first segment) are left out. No match,
 * an ambiguous one and CORS pre-flights go to Spring's full lookup, so their answers are unchanged.
 */
@Configuration(proxyBeanMethods = false)
class HandlerLookup {

    @Bean
    WebMvcRegistrations indexedHandlerLookup() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new IndexedMapping();
            }
        };
    }

    static final class IndexedMapping extends RequestMappingHandlerMapping {

        private record Candidate(RequestMappingInfo info, HandlerMethod handler) {
        }

        /** Built at the first request, again after a mapping is added or removed. */
        private volatile Map<String, List<Candidate>> index;

        @Override
        protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
            super.registerHandlerMethod(handler, method, mapping);
            index = null;
        }

        @Override
        public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
            super.registerMapping(mapping, handler, method);
            index = null;
        }

        @Override
        public void unregisterMapping(RequestMappingInfo mapping) {
            super.unregisterMapping(mapping);
            index = null;
        }

        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            List<Candidate> candidates = candidates(lookupPath);
            if (candidates == null || CorsUtils.isPreFlightRequest(request)) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            List<Candidate> matches = new ArrayList<>(2);
            for (Candidate candidate : candidates) {
                RequestMappingInfo match = getMatchingMapping(candidate.info(), request);
                if (match != null) {
                    matches.add(new Candidate(match, candidate.handler()));
                }
            }
            if (matches.isEmpty()) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            Candidate best = matches.getFirst();
            if (matches.size() > 1) {
                Comparator<RequestMappingInfo> order = getMappingComparator(request);
                matches.sort((a, b) -> order.compare(a.info(), b.info()));
                best = matches.getFirst();
                if (order.compare(best.info(), matches.get(1).info()) == 0) {
                    return super.lookupHandlerMethod(lookupPath, request);
                }
            }
            request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler());
            handleMatch(best.info(), lookupPath, request);
            return best.handler();
        }

        /** Spring's lookup over every mapping, to compare with. */
        HandlerMethod fullLookup(String lookupPath, HttpServletRequest request) throws Exception {
            return super.lookupHandlerMethod(lookupPath, request);
        }

        /** The mappings that may match the path, or null to use the full lookup. */
        private List<Candidate> candidates(String lookupPath) {
            Map<String, List<Candidate>> current = index;
            if (current == null) {
                current = build(getHandlerMethods());
                index = current;
            }
            return current.get(firstSegment(lookupPath));
        }

        private static Map<String, List<Candidate>> build(Map<RequestMappingInfo, HandlerMethod> all) {
            Map<String, List<Candidate>> bySegment = new HashMap<>();
            List<Candidate> anySegment = new ArrayList<>();
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : all.entrySet()) {
                Candidate candidate = new Candidate(entry.getKey(), entry.getValue());
                Set<String> segments = literalFirstSegments(entry.getKey());
                if (segments == null) {
                    anySegment.add(candidate);
                } else {
                    for (String segment : segments) {
                        bySegment.computeIfAbsent(segment, s -> new ArrayList<>()).add(candidate);
                    }
                }
            }
            // a mapping whose first segment is a variable or a wildcard may match any path
            for (List<Candidate> list : bySegment.values()) {
                list.addAll(anySegment);
            }
            return bySegment;
        }

        /** The literal first segments of the mapping's patterns; null when one of them has none. */
        private static Set<String> literalFirstSegments(RequestMappingInfo info) {
            Set<String> patterns = info.getPatternValues();
            if (patterns.isEmpty()) {
                return null;
            }
            Set<String> segments = new HashSet<>();
            for (String pattern : patterns) {
                String segment = firstSegment(pattern);
                if (segment.isEmpty() || segment.contains("{") || segment.contains("*") || segment.contains("?")) {
                    return null;
                }
                segments.add(segment);
            }
            return segments;
        }

        private static String firstSegment(String path) {
            int start = path.startsWith("/") ? 1 : 0;
            int end = path.indexOf('/', start);
            return end < 0 ? path.substring(start) : path.substring(start, end);
        }
    }
}
