package ru.openkassa.emulator.fn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-drive key of the emulated fiscal drive. A real drive's key never leaves the chip and
 * only the FNS and the OFD can check its signs; here both the virtual drive and the OFD emulator
 * derive it from one emulator master key and the FN number, so the OFD emulator can verify signs
 * of drives it has never seen without any key exchange.
 */
public record FnSecret(byte[] key) {

    /** The master key used when none is configured: fine for tests and demos, nothing else. */
    public static final String DEMO_MASTER_KEY = "openkassa-emulator-demo-master-key";

    public FnSecret {
        key = key.clone();
    }

    public static FnSecret derive(String masterKey, String fnNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new FnSecret(mac.doFinal(("fn:" + fnNumber).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public byte[] key() {
        return key.clone();
    }
}
