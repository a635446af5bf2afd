package ru.openkassa.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OpenKassaApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpenKassaApplication.class, args);
    }
}
