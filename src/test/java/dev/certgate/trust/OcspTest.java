package dev.certgate.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import dev.certgate.demo.Pki;
import dev.certgate.testing.OcspResponder;
import dev.certgate.testing.OpensslCa;
import dev.certgate.source.CertificateCache.CacheSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OCSP against a real responder, {@code openssl ocsp} on an ephemeral port, answering from an
 * {@code openssl ca} database: good passes, revoked and unknown are refused, an unreachable or
 * silent responder follows {@code soft-fail}, a forged answer never passes, answers are cached no
 * longer than their nextUpdate.
 */
class OcspTest {

    @TempDir
    static Path dir;

    static Pki.Issued root;
    static Pki.Issued issuing;
    static Pki.Issued good;
    static Pki.Issued revoked;
    static Pki.Issued unknown;
    static OpensslCa ca;
    static OcspResponder responder;

    @BeforeAll
    static void start() throws Exception {
        root = Pki.root("CN=ocsp-root,O=Acme").build();
        issuing = root.issue("CN=ocsp-issuing,O=Acme").ca(true).build();
        ca = OpensslCa.of(issuing, dir);
        OcspResponder first = OcspResponder.start(ca, issuing, 60); // for its port, named in good's AIA
        good = issuing.issue("CN=svc-good,O=Acme").ocsp(first.uri().toString()).build();
        revoked = issuing.issue("CN=svc-revoked,O=Acme").build();
        unknown = issuing.issue("CN=svc-unknown,O=Acme").build(); // never entered in the database
        ca.valid(good).revoke(revoked);
        responder = first.restart();
    }

    @AfterAll
    static void stop() throws Exception {
        if (responder != null) {
            responder.close();
        }
    }

    static TrustVerifier verifier(OcspSettings ocsp, Path... crls) {
        TrustSettings settings = TrustSettings.anchoredAt(List.of(root.certificate())).withOcsp(ocsp);
        if (crls.length > 0) {
            settings = settings.withCrls(List.of(crls), TrustSettings.DEFAULT_CRL_REFRESH, StaleCrl.REFUSE);
        }
        return TrustVerifier.of(settings, CacheSettings.DEFAULTS);
    }

    static OcspSettings at(URI responder, boolean softFail) {
        return new OcspSettings(true, Optional.of(responder), softFail, Duration.ofMillis(500));
    }

    static ClientCertificate leaf(Pki.Issued issued) {
        return CertificateNormalizer.normalize(issued.chain(), CertificateSource.NATIVE, true);
    }

    static Optional<RefusalReason> reason(TrustVerifier verifier, Pki.Issued issued, Instant at) {
        return verifier.verify(leaf(issued), at).map(TrustFailure::reason);
    }

    @Test
    void verifyWhenResponderSaysGoodThenTrusted() {
        assertThat(verifier(at(responder.uri(), false)).verify(leaf(good), Instant.now())).isEmpty();
    }

    @Test
    void verifyWhenResponderSaysRevokedThenRevoked() {
        Optional<TrustFailure> failure = verifier(at(responder.uri(), true)).verify(leaf(revoked), Instant.now());

        assertThat(failure).map(TrustFailure::reason).contains(RefusalReason.REVOKED);
        assertThat(failure.orElseThrow().detail()).contains(responder.uri().toString(), "KEY_COMPROMISE");
    }

    @Test
    void verifyWhenResponderDoesNotKnowTheCertificateThenRevocationUnknownEvenWithSoftFail() {
        assertThat(reason(verifier(at(responder.uri(), true)), unknown, Instant.now()))
                .contains(RefusalReason.REVOCATION_UNKNOWN);
    }

    @Test
    void verifyWhenNoOverrideThenTheCertificatesAiaResponderIsAsked() {
        TrustVerifier aia = verifier(OcspSettings.at(Optional.empty()));

        assertThat(aia.verify(leaf(good), Instant.now())).isEmpty();
        Optional<TrustFailure> none = aia.verify(leaf(revoked), Instant.now()); // no AIA, no override
        assertThat(none).map(TrustFailure::reason).contains(RefusalReason.REVOCATION_UNKNOWN);
        assertThat(none.orElseThrow().detail()).contains("no OCSP responder");
    }

    @Test
    void verifyWhenResponderUnreachableThenAsSoftFailSays() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + closedPort() + "/");

        assertThat(reason(verifier(at(closed, false)), good, Instant.now())).contains(RefusalReason.REVOCATION_UNKNOWN);
        assertThat(reason(verifier(at(closed, true)), good, Instant.now())).isEmpty();
    }

    @Test
    void verifyWhenResponderNeverAnswersThenTimesOutAsSoftFailSays() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/");

            long started = System.nanoTime();
            assertThat(reason(verifier(at(uri, false)), good, Instant.now())).contains(RefusalReason.REVOCATION_UNKNOWN);
            assertThat(reason(verifier(at(uri, true)), good, Instant.now())).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two checks with a 0.5 s timeout each")
                    .isLessThan(Duration.ofSeconds(10));
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nX-Drip: ",                        // header fields
        "HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: 1000\r\n\r\n", // the body
    })
    void verifyWhenResponderDripsItsAnswerThenCutOffAfterTheTimeout(String before) throws Exception {
        try (ServerSocket dripping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread dripper = new Thread(() -> {
                try (Socket socket = dripping.accept()) {
                    held.add(socket);
                    socket.getInputStream().read(new byte[4096]);
                    java.io.OutputStream out = socket.getOutputStream();
                    out.write(before.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    for (int i = 0; i < 100; i++) { // one byte every 0.2 s, each read well within 0.5 s
                        out.flush();
                        Thread.sleep(200);
                        out.write('a');
                    }
                } catch (java.io.IOException | InterruptedException over) {
                    // closed by the client, or the test is over
                }
            });
            dripper.setDaemon(true);
            dripper.start();
            URI uri = URI.create("http://127.0.0.1:" + dripping.getLocalPort() + "/");

            long started = System.nanoTime();
            Optional<TrustFailure> failure = verifier(at(uri, false)).verify(leaf(good), Instant.now());

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("0.5 s to connect and 0.5 s for the answer, not 20 s of dripping")
                    .isLessThan(Duration.ofSeconds(4));
            assertThat(failure).map(TrustFailure::reason).contains(RefusalReason.REVOCATION_UNKNOWN);
            assertThat(failure.orElseThrow().detail()).contains("could not be asked");
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void verifyWhenAnswerSignedByAStrangerThenRevocationUnknownEvenWithSoftFail() throws Exception {
        Pki.Issued stranger = Pki.root("CN=ocsp-issuing,O=Acme").build(); // the CA's name, not its key
        try (OcspResponder forger = OcspResponder.start(ca, stranger, 60)) {
            Optional<TrustFailure> failure = verifier(at(forger.uri(), true)).verify(leaf(revoked), Instant.now());

            assertThat(failure).map(TrustFailure::reason).contains(RefusalReason.REVOCATION_UNKNOWN);
            assertThat(reason(verifier(at(forger.uri(), true)), good, Instant.now()))
                    .contains(RefusalReason.REVOCATION_UNKNOWN);
        }
    }

    @Test
    void verifyWhenResponderAnswersTryLaterOrHttpErrorThenAsSoftFailSays() throws Exception {
        List<Integer> statuses = new ArrayList<>(List.of(200, 500));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] tryLater = HexFormat.of().parseHex("30030a0103");
            int status = statuses.isEmpty() ? 200 : statuses.remove(0);
            exchange.sendResponseHeaders(status, tryLater.length);
            exchange.getResponseBody().write(tryLater);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(reason(verifier(at(uri, true)), good, Instant.now())).as("tryLater, soft-fail").isEmpty();
            assertThat(reason(verifier(at(uri, true)), good, Instant.now())).as("HTTP 500, soft-fail").isEmpty();
            assertThat(reason(verifier(at(uri, false)), good, Instant.now())).as("tryLater, hard-fail")
                    .contains(RefusalReason.REVOCATION_UNKNOWN);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void verifyWhenResponderSendsGarbageThenRevocationUnknownEvenWithSoftFail() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] garbage = "<html>captive portal</html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, garbage.length);
            exchange.getResponseBody().write(garbage);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(reason(verifier(at(uri, true)), good, Instant.now())).contains(RefusalReason.REVOCATION_UNKNOWN);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void verifyWhenAskedAgainBeforeNextUpdateThenAnsweredFromTheCacheAndAfterItAskedAgain() throws Exception {
        try (OcspResponder counted = OcspResponder.start(ca, issuing, 1)) {
            TrustVerifier verifier = verifier(at(counted.uri(), false));
            Instant t0 = Instant.now();

            assertThat(reason(verifier, good, t0)).isEmpty();
            assertThat(reason(verifier, good, t0.plusSeconds(30))).isEmpty();
            assertThat(counted.answered(1)).as("one request within nextUpdate").isEqualTo(1);

            assertThat(reason(verifier, good, t0.plusSeconds(90))).isEmpty();
            assertThat(counted.answered(2)).as("asked again after nextUpdate").isEqualTo(2);
        }
    }

    @Test
    void verifyWhenAnswerHasNoNextUpdateThenCachedForTheCacheTtlOnly() throws Exception {
        try (OcspResponder always = OcspResponder.start(ca, issuing, 0)) {
            TrustSettings settings = TrustSettings.anchoredAt(List.of(root.certificate())).withOcsp(at(always.uri(), false));
            TrustVerifier verifier = TrustVerifier.of(settings, new CacheSettings(100, Duration.ofMinutes(2)));
            Instant t0 = Instant.now();

            assertThat(reason(verifier, good, t0)).isEmpty();
            assertThat(reason(verifier, good, t0.plusSeconds(60))).isEmpty();
            assertThat(always.answered(1)).isEqualTo(1);
            assertThat(reason(verifier, good, t0.plusSeconds(150))).isEmpty();
            assertThat(always.answered(2)).isEqualTo(2);
        }
    }

    @Test
    void verifyWhenCrlListsTheLeafThenRevokedWithoutAskingTheResponder() throws Exception {
        Path crl = ca.crl("ocsp-and-crl.crl.pem", 24);
        try (OcspResponder counted = OcspResponder.start(ca, issuing, 60)) {
            assertThat(reason(verifier(at(counted.uri(), true), crl), revoked, Instant.now()))
                    .contains(RefusalReason.REVOKED);
            assertThat(counted.answered(0)).isZero();
        }
    }

    @Test
    void verifyWhenResponderUnreachableButACrlCoversTheLeafThenTheCrlAnswers() throws Exception {
        Path crl = ca.crl("fallback.crl.pem", 24);
        URI closed = URI.create("http://127.0.0.1:" + closedPort() + "/");

        assertThat(reason(verifier(at(closed, false), crl), good, Instant.now())).isEmpty();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
