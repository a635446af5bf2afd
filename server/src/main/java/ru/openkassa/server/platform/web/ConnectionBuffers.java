package ru.openkassa.server.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every register holds a connection open in its long-poll, so a node's memory grows with its
 * fleet by what each connection keeps: Tomcat's socket buffers are the largest part. Device calls
 * and receipts are a few kilobytes; smaller buffers cost nothing for them and much less memory per
 * held poll (bench/fleet.sh measures it).
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {

    @Bean
    TomcatConnectorCustomizer socketBuffers(@Value("${openkassa.web.socket-buffer-bytes:4096}") int bytes) {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(bytes));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(bytes));
        };
    }
}
