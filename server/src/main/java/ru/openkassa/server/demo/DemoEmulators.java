package ru.openkassa.server.demo;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.emulator.ofd.OfdEmulator;
import ru.openkassa.emulator.register.RegisterConfig;
import ru.openkassa.emulator.register.VirtualRegister;
import ru.openkassa.server.fleet.Register;

/**
 * Demo mode's outside world, in the server's own process: the OFD emulator and a virtual register
 * for each demo register. The registers speak to the server over its HTTP device API, exactly as
 * they do when run as a separate fleet.
 */
@Component
@ConditionalOnProperty(name = "openkassa.demo.emulators", havingValue = "true")
class DemoEmulators {

    private static final Logger log = LoggerFactory.getLogger(DemoEmulators.class);

    private final DemoData demo;
    private final Environment environment;
    private final Path dataDir;
    private final int ofdPort;
    private final int ofdHttpPort;
    private final List<VirtualRegister> running = new ArrayList<>();
    private OfdEmulator ofd;

    DemoEmulators(DemoData demo, Environment environment, @Value("${openkassa.data-dir:./data}") Path dataDir,
            @Value("${openkassa.demo.ofd-port:7777}") int ofdPort,
            @Value("${openkassa.demo.ofd-http-port:7778}") int ofdHttpPort) {
        this.demo = demo;
        this.environment = environment;
        this.dataDir = dataDir;
        this.ofdPort = ofdPort;
        this.ofdHttpPort = ofdHttpPort;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    public synchronized void start() {
        ofd = OfdEmulator.start(OfdEmulator.Config.of(ofdPort, ofdHttpPort).withDirectory(dataDir.resolve("ofd")));
        URI server = URI.create("http://localhost:" + environment.getProperty("local.server.port", "8080"));
        for (Register register : demo.demoRegisters()) {
            TaxSystem system = TaxSystem.fromAtolName(register.entityInn().equals(DemoData.INN_ROMASHKA) ? "usn_income" : "osn")
                    .orElseThrow();
            RegisterConfig config = RegisterConfig.builder(register.registerId(), server,
                            dataDir.resolve("registers").resolve(register.registerId()))
                    .inn(register.entityInn())
                    .taxSystems(List.of(system))
                    .ofd(new InetSocketAddress("127.0.0.1", ofd.port()))
                    .build();
            running.add(VirtualRegister.start(config));
        }
        log.info("Demo: OFD emulator on port {} (documents: http://localhost:{}/api/v1/fns/<FN>/documents), "
                + "{} virtual registers: {}", ofd.port(), ofd.httpPort(), running.size(),
                demo.demoRegisters().stream().map(r -> r.registerId() + " " + r.name()).toList());
    }

    @PreDestroy
    public synchronized void stop() {
        running.forEach(VirtualRegister::stop);
        running.clear();
        if (ofd != null) {
            ofd.stop();
        }
    }

    OfdEmulator ofd() {
        return ofd;
    }
}
