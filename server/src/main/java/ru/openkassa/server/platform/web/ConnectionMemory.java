package ru.openkassa.server.platform.web;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every register holds a connection open in its long-poll, so a node's memory grows with its
 * fleet by what each connection keeps. Jetty returns its I/O buffers to a pool while a request
 * waits, but keeps a per-connection cache of header fields (a trie of some 100 KB once filled):
 * most of what a held poll costs. Registers send a handful of short headers, so the cache saves
 * nothing worth that memory (bench/fleet.sh measures it).
 */
@Configuration(proxyBeanMethods = false)
class ConnectionMemory {

    @Bean
    JettyServerCustomizer headerCache(@Value("${openkassa.web.header-cache-size:0}") int size) {
        return server -> {
            for (Connector connector : server.getConnectors()) {
                HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    http.getHttpConfiguration().setHeaderCacheSize(size);
                }
            }
        };
    }
}
