package dev.certgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.demo.DemoServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded demo, given this run's PKI (the very certificates the server suite presents), names
 * the same callers with the same roles as the container does in {@link CertificateLoginTest}:
 * {@code /whoami} {@code principal} and {@code roles}.
 */
class DemoIdentityTest {

    private static DemoServer start() throws Exception {
        Path pki = Path.of(System.getProperty("itest.pki"));
        return DemoServer.start(Map.of("certgate.demo.https-port", "0", "certgate.demo.http-port", "0",
                "certgate.demo.tls.cert", pki.resolve("server.pem").toString(),
                "certgate.demo.tls.key", pki.resolve("server-key.pem").toString(),
                "certgate.demo.tls.trust", pki.resolve("ca.pem").toString()));
    }

    @Test
    void whoamiWhenSameCertificatesAsServersThenSameCallersAndRoles() throws Exception {
        try (DemoServer demo = start()) {
            Https https = new Https("", demo.httpsPort());

            Https.Response a = https.get("/whoami", "svc-a");
            Https.Response b = https.get("/whoami", "svc-b");

            assertThat(a.status()).as(a.toString()).isEqualTo(200);
            assertThat(a.body()).startsWith("{\"principal\":\"" + Deployments.SVC_A + "\",\"roles\":[\"admin\"],");
            assertThat(b.body()).as(b.toString()).startsWith("{\"principal\":\"" + Deployments.SVC_B + "\",\"roles\":[],");
        }
    }
}
