package dev.certgate.demo;

import dev.certgate.CertificateNormalizer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The demo as the in-process tests start it: both listeners on free ports, its PKI in a test's folder. */
final class DemoOnFreePorts {

    private DemoOnFreePorts() {
    }

    /** Started with {@code settings} ({@code key, value, ...}) on top of the free ports and {@code pkiDir}. */
    static DemoServer start(Path pkiDir, String... settings) throws Exception {
        if (settings.length % 2 != 0) {
            throw new IllegalArgumentException("settings come as key, value pairs: " + java.util.Arrays.toString(settings));
        }
        Map<String, String> overrides = new HashMap<>(Map.of("certgate.demo.https-port", "0",
                "certgate.demo.http-port", "0", "certgate.demo.pki-dir", pkiDir.toString()));
        for (int i = 0; i < settings.length; i += 2) {
            overrides.put(settings[i], settings[i + 1]);
        }
        return DemoServer.start(overrides, Map.of());
    }

    /** Generates the demo PKI under {@code pkiDir}, as {@code mvn -Pdemo} does, and stops again. */
    static void mintPki(Path pkiDir) throws Exception {
        start(pkiDir).close();
    }

    /** The SHA-256 fingerprint of the demo client {@code name} ({@code svc-a}, ...). */
    static String fingerprint(Path pkiDir, String name) throws Exception {
        return CertificateNormalizer.fingerprint256(DemoPki.readCertificates(pkiDir.resolve(name + ".pem")).get(0));
    }
}
