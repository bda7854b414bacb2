package dev.certgate.demo;

import dev.certgate.demo.testbeans.DecisionCounter;
import dev.certgate.demo.testbeans.BreakingObserver;
import static dev.certgate.demo.DemoServerTlsTest.REFUSED;
import static dev.certgate.demo.DemoServerTlsTest.REQUIRED;
import static dev.certgate.demo.DemoServerTlsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateAuthenticationEvent;
import dev.certgate.CertificateAuthenticationEvent.Outcome;
import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.testing.LogCapture;
import jakarta.enterprise.inject.spi.CDI;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CDI events from the demo (Jersey + Weld SE, real TLS): an application's {@code @Observes
 * CertificateAuthenticationEvent} sees every decision with its code, and an observer that throws
 * changes no response.
 */
class DemoEventsTest {

    @TempDir
    static Path dir;

    static DemoServer demo;
    static String https;
    static DecisionCounter counter;

    @BeforeAll
    static void start() throws Exception {
        Pki.Issued ca = Pki.root("CN=events-ca").build();
        Pki.Issued server = ca.issue("CN=localhost").serverAuth().ip("127.0.0.1").build();
        Pki.Issued breaker = ca.issue("CN=" + BreakingObserver.BREAKER).uri("spiffe://acme/breaker").build();
        Pki.Issued svcA = ca.issue("CN=svc-a").uri("spiffe://acme/svc-a").build();
        Pki.Issued svcB = ca.issue("CN=svc-b").uri("spiffe://acme/svc-b").build();
        Pki.writePem(dir.resolve("breaker.pem"), breaker.chain());
        Pki.writePem(dir.resolve("breaker-key.pem"), breaker.key());
        for (Map.Entry<String, Pki.Issued> client : Map.of("svc-a", svcA, "svc-b", svcB).entrySet()) {
            Pki.writePem(dir.resolve(client.getKey() + ".pem"), client.getValue().chain());
            Pki.writePem(dir.resolve(client.getKey() + "-key.pem"), client.getValue().key());
        }
        demo = DemoServer.start(Map.of("certgate.demo.https-port", "0", "certgate.demo.http-port", "0",
                "certgate.demo.tls.cert", Pki.writePem(dir.resolve("server.pem"), server.chain()).toString(),
                "certgate.demo.tls.key", Pki.writePem(dir.resolve("server-key.pem"), server.key()).toString(),
                "certgate.demo.tls.trust", Pki.writePem(dir.resolve("ca.pem"), ca.certificate()).toString()), Map.of());
        https = "https://127.0.0.1:" + demo.httpsPort();
        counter = CDI.current().select(DecisionCounter.class).get();
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private static DemoClient client(String name) throws Exception {
        return DemoClient.withCertificate(dir.resolve("ca.pem"), dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"));
    }

    private static String fingerprint(String name) throws Exception {
        return CertificateNormalizer.fingerprint256(DemoPki.readCertificates(dir.resolve(name + ".pem")).get(0));
    }

    private static CertificateAuthenticationEvent last() {
        var recent = counter.recent();
        return recent.get(recent.size() - 1);
    }

    @Test
    void chargeWhenAllowedThenObserverSeesAcceptedWithPolicyResourcePeerAndCaller() throws Exception {
        long before = counter.counts().getOrDefault("accepted/accepted", 0L);

        assertThat(client("svc-a").post(https + "/payments/charge").statusCode()).isEqualTo(200);

        CertificateAuthenticationEvent event = last();
        assertThat(event.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(event.reason()).isEqualTo("accepted");
        assertThat(event.policy()).isEqualTo("payments");
        assertThat(event.resource()).isEqualTo(PaymentsResource.class.getName() + "#charge");
        assertThat(event.peer()).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(event.fingerprint()).contains(fingerprint("svc-a"));
        assertThat(event.source()).contains(CertificateSource.NATIVE);
        assertThat(event.caller()).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("spiffe://acme/svc-a"));
        assertThat(counter.counts()).containsEntry("accepted/accepted", before + 1);
    }

    @Test
    void chargeWhenNotAllowListedThenObserverSeesRefusedSanNotAllowed() throws Exception {
        long before = counter.counts().getOrDefault("refused/san-not-allowed", 0L);

        assertProblem(client("svc-b").post(https + "/payments/charge"), 403, REFUSED);

        CertificateAuthenticationEvent event = last();
        assertThat(event.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(event.reason()).isEqualTo("san-not-allowed");
        assertThat(event.fingerprint()).contains(fingerprint("svc-b"));
        assertThat(event.caller()).isEmpty();
        assertThat(counter.counts()).containsEntry("refused/san-not-allowed", before + 1);
    }

    @Test
    void guardedWhenNoCertificateThenObserverSeesMissingNoCertificate() throws Exception {
        assertProblem(DemoClient.anonymous(dir.resolve("ca.pem")).get(https + "/guarded/ping"), 401, REQUIRED);

        CertificateAuthenticationEvent event = last();
        assertThat(event.outcome()).isEqualTo(Outcome.MISSING);
        assertThat(event.reason()).isEqualTo("no-certificate");
        assertThat(event.certificate()).isEmpty();
    }

    @Test
    void publicPingWhenCalledThenNoEvent() throws Exception {
        int before = counter.recent().size();
        long total = counter.counts().values().stream().mapToLong(Long::longValue).sum();

        assertThat(client("svc-a").get(https + "/public/ping").body()).isEqualTo("pong");

        assertThat(counter.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(counter.recent()).hasSize(before);
    }

    @Test
    void requestsWhenAnObserverThrowsThenResponsesAreUnchangedAndTheFailureIsLogged() throws Exception {
        DemoClient breaker = client("breaker");
        try (LogCapture log = LogCapture.start()) {
            var guarded = breaker.get(https + "/guarded/ping");
            var charge = breaker.post(https + "/payments/charge");
            var again = breaker.get(https + "/guarded/ping");

            assertThat(guarded.statusCode()).isEqualTo(200);
            assertThat(guarded.body()).isEqualTo("pong");
            assertProblem(charge, 403, REFUSED);
            assertThat(again.statusCode()).isEqualTo(200);
            // the sync failure is logged in full once; the async one arrives on its own thread
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (failures(log, "async observer bug") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(failures(log, "sync observer bug")).isEqualTo(1);
            assertThat(failures(log, "async observer bug")).isEqualTo(1);
            assertThat(log.records()).filteredOn(r -> r.getThrown() != null)
                    .allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
        }
    }

    private static long failures(LogCapture log, String message) {
        return log.records().stream().map(LogRecord::getThrown)
                .filter(t -> t != null && message.equals(t.getMessage())).count();
    }
}
