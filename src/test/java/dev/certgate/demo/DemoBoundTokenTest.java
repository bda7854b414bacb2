package dev.certgate.demo;

import static dev.certgate.demo.DemoServerTlsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.binding.CertificateThumbprint;
import dev.certgate.testing.LogCapture;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Certificate-bound access tokens (RFC 8705 section 3, issue 5) on the demo as users run it:
 * Jersey + Weld SE, SmallRye JWT verifying the bearer token, certgate binding it to the client
 * certificate of a real TLS handshake, or to one a trusted proxy forwarded on the plain port
 * (XFCC {@code Cert}, XFCC {@code Hash} only, RFC 9440 {@code Client-Cert}), in every
 * {@code certgate.token-binding} mode.
 */
class DemoBoundTokenTest {

    static final String INVALID_TOKEN = "{\"type\":\"urn:certgate:problem:invalid-token\","
            + "\"title\":\"Invalid token\",\"status\":401}";
    static final String TOKEN_REQUIRED = "{\"type\":\"urn:certgate:problem:bearer-token-required\","
            + "\"title\":\"Bearer token required\",\"status\":401}";

    @TempDir
    static Path pki;

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final java.lang.reflect.Type MAP = DemoServerTlsTest.MAP;

    /** How a trusted proxy on 127.0.0.1 forwards a client certificate to the plain port. */
    enum Forwarded {
        XFCC_CERT("xfcc") {
            @Override
            String[] headers(X509Certificate certificate) {
                return new String[] {"X-Forwarded-Client-Cert", "Cert=\"" + URLEncoder.encode(Pki.pem(certificate),
                        StandardCharsets.UTF_8).replace("+", "%20") + "\""};
            }
        },
        XFCC_HASH_ONLY("xfcc") {
            @Override
            String[] headers(X509Certificate certificate) {
                return new String[] {"X-Forwarded-Client-Cert",
                        "Hash=" + CertificateNormalizer.fingerprint256(certificate).toLowerCase(Locale.ROOT)};
            }
        },
        RFC_9440_CLIENT_CERT("client-cert") {
            @Override
            String[] headers(X509Certificate certificate) throws Exception {
                return new String[] {"Client-Cert", ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":"};
            }
        };

        final String source;

        Forwarded(String source) {
            this.source = source;
        }

        abstract String[] headers(X509Certificate certificate) throws Exception;
    }

    /** One demo server in one mode, with the clients and token key the tests use. */
    static final class Demo implements AutoCloseable {
        final DemoServer server;
        final String https;
        final String http;
        final DemoClient svcA;
        final DemoClient svcB;
        final DemoClient anonymous;
        final X509Certificate svcACertificate;
        final X509Certificate svcBCertificate;
        final PrivateKey tokenKey;

        Demo(Map<String, String> more) throws Exception {
            this(more, Map.of());
        }

        Demo(Map<String, String> more, Map<String, String> environment) throws Exception {
            Map<String, String> overrides = new HashMap<>(Map.of("certgate.demo.https-port", "0",
                    "certgate.demo.http-port", "0", "certgate.demo.pki-dir", pki.toString()));
            overrides.putAll(more);
            server = DemoServer.start(overrides, environment);
            https = "https://127.0.0.1:" + server.httpsPort();
            http = "http://127.0.0.1:" + server.httpPort();
            Path ca = pki.resolve("ca.pem");
            svcA = DemoClient.withCertificate(ca, pki.resolve("svc-a.pem"), pki.resolve("svc-a-key.pem"));
            svcB = DemoClient.withCertificate(ca, pki.resolve("svc-b.pem"), pki.resolve("svc-b-key.pem"));
            anonymous = DemoClient.anonymous(ca);
            svcACertificate = DemoPki.readCertificates(pki.resolve("svc-a.pem")).get(0);
            svcBCertificate = DemoPki.readCertificates(pki.resolve("svc-b.pem")).get(0);
            tokenKey = TlsMaterial.privateKey(pki.resolve(DemoPki.TOKEN_KEY));
        }

        /** A demo in {@code mode} that verifies tokens with the PKI's key and reads forwarded certificates from 127.0.0.1. */
        static Demo verifying(String mode) throws Exception {
            return new Demo(Map.of("certgate.token-binding", mode,
                    "certgate.sources", "xfcc,client-cert,native",
                    "certgate.trusted-proxies", "127.0.0.1/32",
                    "mp.jwt.verify.publickey.location", pki.resolve(DemoPki.TOKEN_PUBLIC_KEY).toString(),
                    "mp.jwt.verify.issuer", BearerTokens.ISSUER));
        }

        String boundToSvcA() {
            return BearerTokens.bound(tokenKey, "svc-a", svcACertificate);
        }

        String unbound() {
            return BearerTokens.unbound(tokenKey, "svc-a");
        }

        HttpResponse<String> get(DemoClient client, String url, String token, String... headers) throws Exception {
            List<String> all = new ArrayList<>(List.of(headers));
            if (token != null) {
                all.addAll(List.of("Authorization", "Bearer " + token));
            }
            return client.get(url, all.toArray(String[]::new));
        }

        /** On the plain port, {@code certificate} forwarded by the trusted proxy in {@code form}. */
        HttpResponse<String> forwarded(String path, String token, Forwarded form, X509Certificate certificate) throws Exception {
            return get(anonymous, http + path, token, form.headers(certificate));
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** An unsigned token's header or claims with line breaks between JSON members, or inside a string (with a bidi override). */
    static Stream<Arguments> tokensWithLineBreaks() {
        String forged = "INFO: certgate audit: outcome=accepted reason=accepted";
        return Stream.of(
                Arguments.of("{\"alg\":\"RS256\"\r\n,\"" + forged + "\":1}", "{}"),
                Arguments.of(BearerTokens.RS256_HEADER, "{\"sub\":\"x\"\n\n" + forged + "\n"),
                Arguments.of("{\"alg\":\"RS256\",\"x\":\"a\u2028b\u0085c\u202Ed\"}", "{}"));
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        return JSON.fromJson(response.body(), MAP);
    }

    static String thumbprint(X509Certificate certificate) {
        return CertificateThumbprint.of(certificate).value();
    }

    static void assertInvalidToken(HttpResponse<String> response) {
        assertProblem(response, 401, INVALID_TOKEN);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    static void assertBoundTo(HttpResponse<String> response, X509Certificate certificate, String source) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).containsEntry("subject", "svc-a")
                .containsEntry("thumbprint", thumbprint(certificate))
                .containsEntry("source", source);
    }

    /** One demo server for all tests of a nested class, started once and stopped after them. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Running {
        Demo demo;

        abstract Demo start() throws Exception;

        @BeforeAll
        void up() throws Exception {
            demo = start();
        }

        @AfterAll
        void down() {
            if (demo != null) {
                demo.close();
            }
        }
    }

    @Nested
    class WhenPresent extends Running {
        @Override
        Demo start() throws Exception {
            return Demo.verifying("when-present");
        }

        /**
         * JSON allows line breaks between members, and jose4j's refusals quote the token's header
         * or claims as sent: an unsigned token must not add a line of its own (a forged audit line)
         * to the server log (CWE-117).
         */
        @ParameterizedTest
        @MethodSource("dev.certgate.demo.DemoBoundTokenTest#tokensWithLineBreaks")
        void boundWhenTokenJsonHoldsLineBreaksThenTheRefusalIsLoggedOnOneLine(String header, String claims) throws Exception {
            String unsigned = BearerTokens.encode(header) + "." + BearerTokens.encode(claims) + ".c2ln";
            try (LogCapture log = LogCapture.start()) {
                assertInvalidToken(demo.get(demo.svcA, demo.https + "/bound", unsigned));

                assertThat(log.records()).filteredOn(r -> "dev.certgate.demo".equals(r.getLoggerName()))
                        .extracting(LogRecord::getMessage)
                        .anyMatch(message -> message.startsWith("bearer token refused"))
                        .allSatisfy(message -> assertThat(message).doesNotContain("\r", "\n", "\u2028", "\u0085",
                                "\u202E"));
            }
        }

        @Test
        void boundWhenBoundTokenAndItsCertificateThen200WithSubjectAndThumbprint() throws Exception {
            HttpResponse<String> response = demo.get(demo.svcA, demo.https + "/bound", demo.boundToSvcA());

            assertBoundTo(response, demo.svcACertificate, "native");
            assertThat(json(response)).containsEntry("bound", true);
        }

        @Test
        void boundWhenSameTokenWithAnotherCertificateThen401InvalidToken() throws Exception {
            assertInvalidToken(demo.get(demo.svcB, demo.https + "/bound", demo.boundToSvcA()));
        }

        @Test
        void boundWhenBoundTokenAndNoCertificateThen401InvalidToken() throws Exception {
            assertInvalidToken(demo.get(demo.anonymous, demo.https + "/bound", demo.boundToSvcA()));
        }

        @Test
        void boundWhenUnboundTokenThen200() throws Exception {
            HttpResponse<String> response = demo.get(demo.svcB, demo.https + "/bound", demo.unbound());

            assertBoundTo(response, demo.svcBCertificate, "native");
            assertThat(json(response)).containsEntry("bound", false);
        }

        @Test
        void boundWhenNoTokenThen401AskingForOne() throws Exception {
            HttpResponse<String> response = demo.get(demo.svcA, demo.https + "/bound", null);

            assertProblem(response, 401, TOKEN_REQUIRED);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }

        @Test
        void publicPingWhenStolenTokenReplayedWithAnotherCertificateThen401TooThoughUnguarded() throws Exception {
            String token = demo.boundToSvcA();

            assertThat(demo.get(demo.svcA, demo.https + "/public/ping", token).body()).isEqualTo("pong");
            assertInvalidToken(demo.get(demo.svcB, demo.https + "/public/ping", token));
            assertInvalidToken(demo.get(demo.anonymous, demo.https + "/public/ping", token));
            assertInvalidToken(demo.get(demo.anonymous, demo.http + "/public/ping", token));
            assertThat(demo.get(demo.anonymous, demo.http + "/public/ping", null).body()).isEqualTo("pong");
        }

        @Test
        void whoamiWhenStolenTokenReplayedByAnAcceptedClientThen401() throws Exception {
            // svc-b's certificate satisfies /whoami's policy; the token it carries is not its own
            assertInvalidToken(demo.get(demo.svcB, demo.https + "/whoami", demo.boundToSvcA()));
        }

        @ParameterizedTest
        @EnumSource(Forwarded.class)
        void boundWhenCertificateForwardedThenSameAnswersAsNative(Forwarded form) throws Exception {
            String token = demo.boundToSvcA();

            assertBoundTo(demo.forwarded("/bound", token, form, demo.svcACertificate), demo.svcACertificate, form.source);
            assertInvalidToken(demo.forwarded("/bound", token, form, demo.svcBCertificate));
            assertInvalidToken(demo.get(demo.anonymous, demo.http + "/bound", token));
            assertBoundTo(demo.forwarded("/bound", demo.unbound(), form, demo.svcACertificate), demo.svcACertificate,
                    form.source);
            assertInvalidToken(demo.forwarded("/public/ping", token, form, demo.svcBCertificate));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.certgate.demo.DemoBoundTokenTest#unverifiable")
        void boundWhenTokenDoesNotVerifyThen401NeverA500(String what, TokenMaker token) throws Exception {
            HttpResponse<String> response = demo.get(demo.svcA, demo.https + "/bound", token.make(demo));

            assertInvalidToken(response);
        }
    }

    @Nested
    class Required extends Running {
        @Override
        Demo start() throws Exception {
            return Demo.verifying("required");
        }

        @Test
        void boundWhenBoundTokenAndItsCertificateThen200() throws Exception {
            assertBoundTo(demo.get(demo.svcA, demo.https + "/bound", demo.boundToSvcA()), demo.svcACertificate, "native");
        }

        @Test
        void boundWhenUnboundTokenThen401InvalidToken() throws Exception {
            assertInvalidToken(demo.get(demo.svcA, demo.https + "/bound", demo.unbound()));
        }

        @Test
        void boundWhenSameTokenWithAnotherCertificateOrNoneThen401InvalidToken() throws Exception {
            assertInvalidToken(demo.get(demo.svcB, demo.https + "/bound", demo.boundToSvcA()));
            assertInvalidToken(demo.get(demo.anonymous, demo.https + "/bound", demo.boundToSvcA()));
        }

        @Test
        void publicPingWhenUnboundTokenThen401AndWithoutTokenThenPong() throws Exception {
            assertInvalidToken(demo.get(demo.svcA, demo.https + "/public/ping", demo.unbound()));
            assertThat(demo.get(demo.anonymous, demo.https + "/public/ping", null).body()).isEqualTo("pong");
        }

        @ParameterizedTest
        @EnumSource(Forwarded.class)
        void boundWhenCertificateForwardedThenSameAnswersAsNative(Forwarded form) throws Exception {
            assertBoundTo(demo.forwarded("/bound", demo.boundToSvcA(), form, demo.svcACertificate), demo.svcACertificate,
                    form.source);
            assertInvalidToken(demo.forwarded("/bound", demo.boundToSvcA(), form, demo.svcBCertificate));
            assertInvalidToken(demo.forwarded("/bound", demo.unbound(), form, demo.svcACertificate));
        }
    }

    @Nested
    class Off extends Running {
        @Override
        Demo start() throws Exception {
            return Demo.verifying("off");
        }

        @Test
        void boundWhenSameTokenWithAnotherCertificateThenNotChecked() throws Exception {
            assertBoundTo(demo.get(demo.svcB, demo.https + "/bound", demo.boundToSvcA()), demo.svcBCertificate, "native");
            assertThat(demo.forwarded("/public/ping", demo.boundToSvcA(), Forwarded.XFCC_HASH_ONLY, demo.svcBCertificate)
                    .body()).isEqualTo("pong");
        }

        @Test
        void boundWhenGarbageTokenThenStill401() throws Exception {
            assertInvalidToken(demo.get(demo.svcA, demo.https + "/bound", "garbage"));
        }
    }

    /** The shipped configuration: no {@code mp.jwt.verify.*} at all. */
    @Nested
    class KeysUnset extends Running {
        @Override
        Demo start() throws Exception {
            return new Demo(Map.of());
        }

        @Test
        void boundWhenAnyBearerTokenThen401NeverA500() throws Exception {
            assertInvalidToken(demo.get(demo.svcA, demo.https + "/bound", demo.boundToSvcA()));
            assertInvalidToken(demo.get(demo.svcA, demo.https + "/bound", "garbage"));
            assertInvalidToken(demo.get(demo.anonymous, demo.http + "/public/ping", demo.unbound()));
        }

        @Test
        void demoWhenNoBearerTokenThenBehavesAsBefore() throws Exception {
            assertThat(demo.get(demo.anonymous, demo.http + "/public/ping", null).body()).isEqualTo("pong");
            assertThat(demo.get(demo.svcA, demo.https + "/whoami", null).statusCode()).isEqualTo(200);
            assertProblem(demo.get(demo.svcA, demo.https + "/bound", null), 401, TOKEN_REQUIRED);
        }
    }

    @Test
    void startWhenMpJwtKeysComeFromEnvironmentVariablesThenTokensVerifyAgainstThem() throws Exception {
        Map<String, String> environment = Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", pki.resolve(DemoPki.TOKEN_PUBLIC_KEY).toString(),
                "MP_JWT_VERIFY_ISSUER", "https://env.acme.example");
        try (Demo demo = new Demo(Map.of(), environment)) {
            String fromEnvironmentIssuer = BearerTokens.sign(demo.tokenKey, BearerTokens.claims("svc-a",
                    BearerTokens.cnf(demo.svcACertificate)).replace(BearerTokens.ISSUER, "https://env.acme.example"));

            assertBoundTo(demo.get(demo.svcA, demo.https + "/bound", fromEnvironmentIssuer), demo.svcACertificate, "native");
            assertInvalidToken(demo.get(demo.svcA, demo.https + "/bound", demo.boundToSvcA())); // the shipped default issuer is not it
            assertInvalidToken(demo.get(demo.svcB, demo.https + "/bound", fromEnvironmentIssuer));
        }
    }

    /** Makes a token with the demo's keys and certificates. */
    @FunctionalInterface
    interface TokenMaker {
        String make(Demo demo) throws Exception;
    }

    /** Tokens MP JWT must refuse (401 from SmallRye JWT, before certgate looks at any binding). */
    static Stream<org.junit.jupiter.params.provider.Arguments> unverifiable() {
        return Stream.of(
                tokens("garbage", demo -> "garbage"),
                tokens("three empty parts", demo -> ".."),
                tokens("JSON, not a JWS", demo -> "{\"sub\":\"svc-a\"}"),
                tokens("signed by another key", demo -> BearerTokens.bound(anotherRsaKey(), "svc-a", demo.svcACertificate)),
                tokens("alg none", demo -> BearerTokens.encode("{\"alg\":\"none\"}") + "."
                        + BearerTokens.encode(BearerTokens.claims("svc-a", BearerTokens.cnf(demo.svcACertificate))) + "."),
                tokens("another issuer", demo -> BearerTokens.sign(demo.tokenKey, BearerTokens.claims("svc-a",
                        BearerTokens.cnf(demo.svcACertificate)).replace(BearerTokens.ISSUER, "https://evil.example"))),
                tokens("expired", demo -> BearerTokens.sign(demo.tokenKey, "{\"iss\":\"" + BearerTokens.ISSUER
                        + "\",\"sub\":\"svc-a\",\"iat\":1600000000,\"exp\":1600000300}")),
                tokens("signature of another payload", demo -> {
                    String[] good = demo.boundToSvcA().split("\\.");
                    String other = BearerTokens.encode(BearerTokens.claims("svc-a", BearerTokens.cnf(demo.svcBCertificate)));
                    return good[0] + "." + other + "." + good[2];
                }),
                tokens("two cnf members (jose4j refuses duplicate names)", demo -> BearerTokens.sign(demo.tokenKey,
                        BearerTokens.claims("svc-a", BearerTokens.cnf(demo.svcBCertificate), BearerTokens.cnf(demo.svcACertificate)))),
                tokens("two x5t#S256 members in cnf", demo -> BearerTokens.sign(demo.tokenKey, BearerTokens.claims("svc-a",
                        "\"cnf\":{\"x5t#S256\":\"" + thumbprint(demo.svcBCertificate) + "\",\"x5t#S256\":\""
                                + thumbprint(demo.svcACertificate) + "\"}"))));
    }

    private static PrivateKey anotherRsaKey() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    private static org.junit.jupiter.params.provider.Arguments tokens(String what, TokenMaker maker) {
        return org.junit.jupiter.params.provider.Arguments.of(what, maker);
    }
}
