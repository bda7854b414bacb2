package dev.certgate.demo;

import dev.certgate.demo.testbeans.VetoedClientCheck;
import static dev.certgate.demo.DemoServerTlsTest.REFUSED;
import static dev.certgate.demo.DemoServerTlsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.certgate.config.CertgateConfigException;
import dev.certgate.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo configured as users configure it: environment variables and system properties over
 * the shipped file, their own PEM files, and bad values that must stop it.
 */
class DemoConfigurationTest {

    @TempDir
    Path dir;

    private Map<String, String> ephemeral(Map<String, String> more) {
        Map<String, String> overrides = new HashMap<>(Map.of("certgate.demo.https-port", "0",
                "certgate.demo.http-port", "0", "certgate.demo.pki-dir", dir.toString()));
        overrides.putAll(more);
        return overrides;
    }

    private DemoClient client(String name) throws Exception {
        return DemoClient.withCertificate(dir.resolve("ca.pem"), dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"));
    }

    @Test
    void startWhenEnvironmentNamesPaymentsAndAdminThenOnlySvcAChargesAndIsAdmin() throws Exception {
        Map<String, String> environment = Map.of(
                "CERTGATE_POLICY_PAYMENTS_ALLOW_SANS", "URI:spiffe://acme/svc-a",
                "CERTGATE_ROLES_ADMIN_SANS", "URI:spiffe://acme/svc-a");
        try (DemoServer demo = DemoServer.start(ephemeral(Map.of()), environment)) {
            String https = "https://127.0.0.1:" + demo.httpsPort();
            DemoClient svcA = client("svc-a");
            DemoClient svcB = client("svc-b");

            assertThat(svcA.post(https + "/payments/charge").statusCode()).isEqualTo(200);
            assertThat(svcA.get(https + "/admin").statusCode()).isEqualTo(200);
            assertProblem(svcB.post(https + "/payments/charge"), 403, REFUSED);
            assertProblem(svcB.get(https + "/admin"), 403, REFUSED);
        }
    }

    @Test
    void startWhenEnvironmentOverridesShippedPolicyThenEnvironmentWins() throws Exception {
        Map<String, String> environment = Map.of("CERTGATE_POLICY_PAYMENTS_ALLOW_SANS", "URI:spiffe://acme/svc-b");
        try (DemoServer demo = DemoServer.start(ephemeral(Map.of()), environment)) {
            String https = "https://127.0.0.1:" + demo.httpsPort();

            assertThat(client("svc-b").post(https + "/payments/charge").statusCode()).isEqualTo(200);
            assertProblem(client("svc-a").post(https + "/payments/charge"), 403, REFUSED);
        }
    }

    @Test
    void startWhenDefaultPolicyAllowListSetThenBareGuardFollowsIt() throws Exception {
        try (DemoServer demo = DemoServer.start(ephemeral(Map.of("certgate.allow.subject-cns", "svc-b")), Map.of())) {
            String https = "https://127.0.0.1:" + demo.httpsPort();

            assertThat(client("svc-b").get(https + "/guarded/ping").statusCode()).isEqualTo(200);
            assertProblem(client("svc-a").get(https + "/guarded/ping"), 403, REFUSED);
            // payments inherits the default's subject-cns and adds its own SAN list: nobody passes both
            assertProblem(client("svc-a").post(https + "/payments/charge"), 403, REFUSED);
        }
    }

    @Test
    void startWhenPrincipalIsSubjectCnThenCallerIsNamedByCn() throws Exception {
        try (DemoServer demo = DemoServer.start(ephemeral(Map.of("certgate.principal", "subject-cn")), Map.of())) {
            String body = client("svc-a").get("https://127.0.0.1:" + demo.httpsPort() + "/whoami").body();

            assertThat(body).contains("\"principal\":\"svc-a\"");
        }
    }

    /**
     * MicroProfile Config 3.1's profiles ("Configuration Profile") and property expressions, as the
     * README promises them: a black-box run found both ignored, the demo's config having been built
     * without SmallRye's default interceptors. Settings are {@code ;}-separated; the last column is
     * who may call {@code /guarded/ping}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            active profile: its property applies          | mp.config.profile=prod;%prod.certgate.allow.subject-cns=svc-b |                                                                | svc-b
            active profile: its variable applies          | mp.config.profile=prod                                        | _PROD_CERTGATE_ALLOW_SUBJECT_CNS=svc-b                         | svc-b
            profile chosen by MP_CONFIG_PROFILE           |                                                               | MP_CONFIG_PROFILE=prod;_PROD_CERTGATE_ALLOW_SUBJECT_CNS=svc-b  | svc-b
            inactive profile: its key changes nothing     | mp.config.profile=dev;%prod.certgate.allow.subject-cns=svc-b  |                                                                | svc-a svc-b
            a property expression is expanded             | demo.caller=svc-b;certgate.allow.subject-cns=${demo.caller}   |                                                                | svc-b
            """)
    void startWhenProfileOrExpressionThenAppliedAsMicroProfileConfigDefines(String what, String properties,
            String environment, String allowed) throws Exception {
        try (DemoServer demo = DemoServer.start(ephemeral(settings(properties)), settings(environment))) {
            String guarded = "https://127.0.0.1:" + demo.httpsPort() + "/guarded/ping";

            for (String caller : new String[] {"svc-a", "svc-b"}) {
                int status = client(caller).get(guarded).statusCode();
                assertThat(status).as(what + ": " + caller).isEqualTo(allowed.contains(caller) ? 200 : 403);
            }
        }
    }

    @Test
    void startWhenActiveProfileHoldsAMalformedValueThenStopsNamingTheKey() {
        Throwable failure = catchThrowable(() -> DemoServer.start(ephemeral(Map.of("mp.config.profile", "prod",
                "%prod.certgate.max-header-bytes", "32k")), Map.of()).close());

        assertThat(failure).isInstanceOf(CertgateConfigException.class).hasMessageContaining("32k");
        assertThat(((CertgateConfigException) failure).key()).isEqualTo("certgate.max-header-bytes");
    }

    /** {@code key=value;key=value}, or nothing for {@code null}. */
    private static Map<String, String> settings(String text) {
        Map<String, String> settings = new HashMap<>();
        if (text != null) {
            for (String setting : text.split(";")) {
                String[] pair = setting.trim().split("=", 2);
                settings.put(pair[0], pair[1]);
            }
        }
        return settings;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "certgate.allow.fingerprints | AB:CD                     | certgate.allow.fingerprints",
        "certgate.principal          | common-name               | certgate.principal",
        "certgate.sources            | native,carrier-pigeon     | certgate.sources",
        "certgate.allow.san          | URI:spiffe://acme/svc-a   | certgate.allow.san",
        "certgate.require-verified   | maybe                     | certgate.require-verified",
        "certgate.policy.payments.allow.sans | URI:spiffe://*/svc | certgate.policy.payments.allow.sans",
        "certgate.roles.admin.sans    | IP:10.0.0.300            | certgate.roles.admin.sans",
        "certgate.policy.payments.allow.sans | 'URI: spiffe://acme/svc-a' | certgate.policy.payments.allow.sans",
        "certgate.max-header-bytes    | 32k                      | certgate.max-header-bytes",
        "certgate.traefik.client-auth-type | NoClientCert        | certgate.traefik.client-auth-type",
        "certgate.aws-alb.mode        | verified                 | certgate.aws-alb.mode",
        "certgate.aws-alb.leaf-header | X-Amzn-Mtls-Clientcert   | certgate.aws-alb.leaf-header",
    })
    void startWhenValueIsWrongThenStopsNamingTheKey(String key, String value, String named) {
        Throwable failure = catchThrowable(() -> DemoServer.start(ephemeral(Map.of(key, value)), Map.of()).close());

        assertThat(failure).isInstanceOf(CertgateConfigException.class).hasMessageContaining(named);
        assertThat(((CertgateConfigException) failure).key()).isEqualTo(named);
    }

    /**
     * The demo's own keys stop it like certgate's do, naming the key (the demo's main prints the
     * message and exits 2), never with a stack trace. {@code PKI} stands for the minted demo PKI.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            port not a number           | certgate.demo.https-port=abc                                                   | certgate.demo.https-port
            port too large              | certgate.demo.http-port=65536                                                  | certgate.demo.http-port
            port negative               | certgate.demo.http-port=-1                                                     | certgate.demo.http-port
            cert without key and trust  | certgate.demo.tls.cert=PKI/server.pem                                          | certgate.demo.tls.key
            key file missing            | certgate.demo.tls.cert=PKI/server.pem,certgate.demo.tls.key=PKI/none.pem,certgate.demo.tls.trust=PKI/ca.pem | certgate.demo.tls.key
            cert file is a key          | certgate.demo.tls.cert=PKI/server-key.pem,certgate.demo.tls.key=PKI/server-key.pem,certgate.demo.tls.trust=PKI/ca.pem | certgate.demo.tls.cert
            key file is a certificate   | certgate.demo.tls.cert=PKI/server.pem,certgate.demo.tls.key=PKI/server.pem,certgate.demo.tls.trust=PKI/ca.pem | certgate.demo.tls.key
            key of another certificate  | certgate.demo.tls.cert=PKI/server.pem,certgate.demo.tls.key=PKI/svc-a-key.pem,certgate.demo.tls.trust=PKI/ca.pem | certgate.demo.tls.key
            trust file holds no CA      | certgate.demo.tls.cert=PKI/server.pem,certgate.demo.tls.key=PKI/server-key.pem,certgate.demo.tls.trust=PKI/server-key.pem | certgate.demo.tls.trust
            PKI folder cannot be made   | certgate.demo.pki-dir=PKI/ca.pem/sub                                           | certgate.demo.pki-dir
            """)
    void startWhenDemoKeyIsWrongThenStopsNamingTheKey(String what, String settings, String named) throws Exception {
        DemoServer.start(ephemeral(Map.of()), Map.of()).close(); // mints the PKI the rows refer to
        Map<String, String> more = new HashMap<>();
        for (String setting : settings.split(",")) {
            String[] pair = setting.split("=", 2);
            more.put(pair[0], pair[1].replace("PKI", dir.toString()));
        }

        Throwable failure = catchThrowable(() -> DemoServer.start(ephemeral(more), Map.of()).close());

        assertThat(failure).as(what).isInstanceOf(CertgateConfigException.class).hasMessageContaining(named);
        assertThat(((CertgateConfigException) failure).key()).isEqualTo(named);
    }

    @Test
    void startWhenHttpPortIsTakenThenStopsNamingItsKey() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Throwable failure = catchThrowable(() -> DemoServer.start(ephemeral(Map.of("certgate.demo.http-port",
                    String.valueOf(taken.getLocalPort()))), Map.of()).close());

            assertThat(failure).isInstanceOf(CertgateConfigException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
            assertThat(((CertgateConfigException) failure).key()).isEqualTo("certgate.demo.http-port");
        }
    }

    @Test
    void startWhenNoPkiDirThenDemoPkiUnderTheProjectsTargetWhateverTheWorkingDirectory() throws Exception {
        // mvn -Pdemo sets certgate.demo.basedir to the project folder, also under mvn -f from elsewhere
        try (DemoServer demo = DemoServer.start(Map.of("certgate.demo.https-port", "0", "certgate.demo.http-port", "0",
                "certgate.demo.basedir", dir.toString()), Map.of())) {
            assertThat(demo.pkiDir()).isEqualTo(dir.resolve("target/demo-pki").toAbsolutePath().normalize());
            assertThat(dir.resolve("target/demo-pki/svc-a.pem")).isRegularFile();
        }
    }

    @Test
    void closeWhenCalledTwiceThenSecondIsHarmless() throws Exception {
        DemoServer demo = DemoServer.start(ephemeral(Map.of()), Map.of());
        demo.close();

        assertThatCode(demo::close).doesNotThrowAnyException(); // Weld would say "already shut down"
    }

    @Test
    void startWhenEnvironmentVariableMisspelledThenStopsNamingIt() {
        assertThatThrownBy(() -> DemoServer.start(ephemeral(Map.of()),
                Map.of("CERTGATE_POLICY_PAYMENTS_ALLOW_SAN", "URI:spiffe://acme/svc-b")).close())
                .isInstanceOf(CertgateConfigException.class)
                .hasMessageContaining("CERTGATE_POLICY_PAYMENTS_ALLOW_SAN");
    }

    @Test
    void startWhenHeaderSourceWithoutTrustedProxiesThenStopsNamingTrustedProxies() {
        assertThatThrownBy(() -> DemoServer.start(ephemeral(Map.of("certgate.sources", "xfcc,native")), Map.of()).close())
                .isInstanceOf(CertgateConfigException.class)
                .hasMessageContaining("certgate.trusted-proxies");
    }

    @Test
    void plainHttpWhenForgedCertificateHeadersFromUntrustedPeerThenIgnoredAs401() throws Exception {
        Map<String, String> headersSource = Map.of("certgate.sources", "xfcc,client-cert,headers,native",
                "certgate.trusted-proxies", "10.0.0.0/8");
        try (DemoServer demo = DemoServer.start(ephemeral(headersSource), Map.of())) {
            String svcA = java.util.Base64.getEncoder().encodeToString(
                    DemoPki.readCertificates(dir.resolve("svc-a.pem")).get(0).getEncoded());
            DemoClient anonymous = DemoClient.anonymous(dir.resolve("ca.pem"));
            String whoami = "http://127.0.0.1:" + demo.httpPort() + "/whoami";

            assertProblem(anonymous.get(whoami, "X-SSL-Client-Cert", svcA, "X-SSL-Client-Verify", "SUCCESS"), 401,
                    DemoServerTlsTest.REQUIRED);
            assertProblem(anonymous.get(whoami, "Client-Cert", ":" + svcA + ":"), 401, DemoServerTlsTest.REQUIRED);
            assertProblem(anonymous.get(whoami, "X-Forwarded-Client-Cert", "Hash=" + "ab".repeat(32)), 401,
                    DemoServerTlsTest.REQUIRED);
        }
    }

    @Test
    void plainHttpWhenTrustedProxySendsEachFormatThenEachIsTheClient() throws Exception {
        Map<String, String> forwarded = Map.of("certgate.sources", "xfcc,client-cert,headers",
                "certgate.trusted-proxies", "127.0.0.1/32");
        try (DemoServer demo = DemoServer.start(ephemeral(forwarded), Map.of())) {
            java.security.cert.X509Certificate svcA = DemoPki.readCertificates(dir.resolve("svc-a.pem")).get(0);
            String der = java.util.Base64.getEncoder().encodeToString(svcA.getEncoded());
            String hash = dev.certgate.CertificateNormalizer.fingerprint256(svcA);
            DemoClient curl = DemoClient.anonymous(dir.resolve("ca.pem"));
            String whoami = "http://127.0.0.1:" + demo.httpPort() + "/whoami";

            assertThat(curl.get(whoami, "Client-Cert", ":" + der + ":").body())
                    .contains("\"principal\":\"spiffe://acme/svc-a\"", "\"source\":\"client-cert\"");
            assertThat(curl.get(whoami, "X-Forwarded-Client-Cert", "Hash=" + hash + ";URI=spiffe://acme/svc-a").body())
                    .contains("\"principal\":\"spiffe://acme/svc-a\"", "\"source\":\"xfcc\"", hash);
            assertThat(curl.get(whoami, "X-SSL-Client-Cert", der, "X-SSL-Client-Verify", "SUCCESS").body())
                    .contains("\"source\":\"headers\"", "\"verified\":true");
            assertProblem(curl.get(whoami, "X-SSL-Client-Cert", der), 403, REFUSED); // unverified
            assertProblem(curl.get(whoami, "Client-Cert", ":" + der + ":", "Client-Cert", ":" + der + ":"), 403, REFUSED);
            assertProblem(curl.get(whoami, "Client-Cert", ":garbage:"), 401, DemoServerTlsTest.REQUIRED);
        }
    }

    @Test
    void plainHttpWhenTraefikAndAlbDeclaredVerifyingThenTheirFormatsNameTheClient() throws Exception {
        Map<String, String> forwarded = Map.of("certgate.sources", "xfcc,client-cert,headers,traefik,aws-alb",
                "certgate.trusted-proxies", "127.0.0.1/32",
                "certgate.traefik.client-auth-type", "RequireAndVerifyClientCert",
                "certgate.aws-alb.mode", "verify");
        try (DemoServer demo = DemoServer.start(ephemeral(forwarded), Map.of())) {
            java.security.cert.X509Certificate svcA = DemoPki.readCertificates(dir.resolve("svc-a.pem")).get(0);
            String der = java.util.Base64.getEncoder().encodeToString(svcA.getEncoded());
            String leaf = java.net.URLEncoder.encode(Pki.pem(svcA), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
            DemoClient curl = DemoClient.anonymous(dir.resolve("ca.pem"));
            String whoami = "http://127.0.0.1:" + demo.httpPort() + "/whoami";
            String charge = "http://127.0.0.1:" + demo.httpPort() + "/payments/charge";

            assertThat(curl.get(whoami, "X-Forwarded-Tls-Client-Cert", der).body())
                    .contains("\"principal\":\"spiffe://acme/svc-a\"", "\"source\":\"traefik\"", "\"verified\":true",
                            dev.certgate.CertificateNormalizer.fingerprint256(svcA));
            assertThat(curl.get(whoami, "X-Forwarded-Tls-Client-Cert-Info",
                    "Subject%3D%22CN%3Dsvc-a%22%3BSAN%3D%22spiffe%3A%2F%2Facme%2Fsvc-a%22").body())
                    .contains("\"principal\":\"spiffe://acme/svc-a\"", "\"source\":\"traefik\"", "\"fingerprint256\":null");
            assertThat(curl.post(charge, "X-Amzn-Mtls-Clientcert-Leaf", leaf).statusCode()).isEqualTo(200);
            assertThat(curl.get(whoami, "X-Amzn-Mtls-Clientcert-Leaf", leaf, "X-Amzn-Mtls-Clientcert-Subject",
                    svcA.getSubjectX500Principal().getName()).body()).contains("\"source\":\"aws-alb\"", "\"verified\":true");
            // a detail that disagrees with the leaf, the passthrough header at a verify listener, garbage
            assertProblem(curl.get(whoami, "X-Amzn-Mtls-Clientcert-Leaf", leaf, "X-Amzn-Mtls-Clientcert-Serial-Number", "01"),
                    403, REFUSED);
            assertProblem(curl.get(whoami, "X-Amzn-Mtls-Clientcert", leaf), 403, REFUSED);
            assertProblem(curl.get(whoami, "X-Forwarded-Tls-Client-Cert", der + ",garbage"), 401, DemoServerTlsTest.REQUIRED);
            assertProblem(curl.get(whoami, "X-Forwarded-Tls-Client-Cert", der, "X-Forwarded-Tls-Client-Cert", der), 403, REFUSED);
        }
    }

    @Test
    void plainHttpWhenTraefikAndAlbModesUndeclaredThenTheirCertificatesAreUnverified() throws Exception {
        Map<String, String> forwarded = Map.of("certgate.sources", "xfcc,client-cert,headers,traefik,aws-alb",
                "certgate.trusted-proxies", "127.0.0.1/32");
        try (DemoServer demo = DemoServer.start(ephemeral(forwarded), Map.of())) {
            java.security.cert.X509Certificate svcA = DemoPki.readCertificates(dir.resolve("svc-a.pem")).get(0);
            String der = java.util.Base64.getEncoder().encodeToString(svcA.getEncoded());
            String chain = java.net.URLEncoder.encode(java.nio.file.Files.readString(dir.resolve("svc-a.pem")),
                    java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
            DemoClient curl = DemoClient.anonymous(dir.resolve("ca.pem"));
            String whoami = "http://127.0.0.1:" + demo.httpPort() + "/whoami";

            assertProblem(curl.get(whoami, "X-Forwarded-Tls-Client-Cert", der), 403, REFUSED);
            assertProblem(curl.get(whoami, "X-Amzn-Mtls-Clientcert", chain), 403, REFUSED);
            // a verify-mode leaf at a passthrough listener is never taken as verified
            assertProblem(curl.get(whoami, "X-Amzn-Mtls-Clientcert-Leaf", chain), 403, REFUSED);
        }
    }

    @Test
    void plainHttpWhenTraefikAndAlbHeadersFromUntrustedPeerThenIgnoredAs401() throws Exception {
        Map<String, String> forwarded = Map.of("certgate.sources", "traefik,aws-alb,native",
                "certgate.trusted-proxies", "10.0.0.0/8", "certgate.traefik.client-auth-type", "RequireAndVerifyClientCert",
                "certgate.aws-alb.mode", "verify");
        try (DemoServer demo = DemoServer.start(ephemeral(forwarded), Map.of())) {
            String der = java.util.Base64.getEncoder().encodeToString(
                    DemoPki.readCertificates(dir.resolve("svc-a.pem")).get(0).getEncoded());
            DemoClient anonymous = DemoClient.anonymous(dir.resolve("ca.pem"));
            String whoami = "http://127.0.0.1:" + demo.httpPort() + "/whoami";

            assertProblem(anonymous.get(whoami, "X-Forwarded-Tls-Client-Cert", der), 401, DemoServerTlsTest.REQUIRED);
            assertProblem(anonymous.get(whoami, "X-Amzn-Mtls-Clientcert-Subject", "CN=svc-a"), 401, DemoServerTlsTest.REQUIRED);
        }
    }

    @Test
    void startWhenAFailedStartCameFirstThenStartsCleanly() throws Exception {
        catchThrowable(() -> DemoServer.start(ephemeral(Map.of("certgate.principal", "nobody")), Map.of()).close());

        try (DemoServer demo = DemoServer.start(ephemeral(Map.of()), Map.of())) {
            assertThat(client("svc-a").get("https://127.0.0.1:" + demo.httpsPort() + "/guarded/ping").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void startWhenCertificateCheckBeanRefusesThen403ForThatClientOnly() throws Exception {
        Pki.Issued ca = Pki.root("CN=own-ca").build();
        Pki.Issued server = ca.issue("CN=localhost").serverAuth().ip("127.0.0.1").build();
        Pki.Issued vetoed = ca.issue("CN=" + VetoedClientCheck.VETOED).uri("spiffe://own/vetoed").build();
        Pki.Issued fine = ca.issue("CN=svc-fine").uri("spiffe://own/fine").build();
        Path trust = Pki.writePem(dir.resolve("own/ca.pem"), ca.certificate());
        Map<String, String> tls = Map.of(
                "certgate.demo.tls.cert", Pki.writePem(dir.resolve("own/server.pem"), server.chain()).toString(),
                "certgate.demo.tls.key", Pki.writePem(dir.resolve("own/server-key.pem"), server.key()).toString(),
                "certgate.demo.tls.trust", trust.toString());

        try (DemoServer demo = DemoServer.start(ephemeral(tls), Map.of())) {
            String guarded = "https://127.0.0.1:" + demo.httpsPort() + "/guarded/ping";

            assertThat(DemoClient.withCertificate(trust, fine.chain(), fine.key()).get(guarded).statusCode()).isEqualTo(200);
            assertProblem(DemoClient.withCertificate(trust, vetoed.chain(), vetoed.key()).get(guarded), 403, REFUSED);
        }
    }

    @Test
    void mainWhenStartedAsUsersRunItThenTheTestsBeansTakeNoPart() throws Exception {
        Pki.Issued ca = Pki.root("CN=own-ca").build();
        Pki.Issued server = ca.issue("CN=localhost").serverAuth().ip("127.0.0.1").build();
        Pki.Issued vetoed = ca.issue("CN=" + VetoedClientCheck.VETOED).uri("spiffe://own/vetoed").build();
        Path trust = Pki.writePem(dir.resolve("main/ca.pem"), ca.certificate());
        Map<String, String> tls = Map.of(
                "certgate.demo.tls.cert", Pki.writePem(dir.resolve("main/server.pem"), server.chain()).toString(),
                "certgate.demo.tls.key", Pki.writePem(dir.resolve("main/server-key.pem"), server.key()).toString(),
                "certgate.demo.tls.trust", trust.toString());

        // what mvn -Pdemo runs: the test-only CertificateCheck compiled beside the demo is not a bean there
        try (DemoServer demo = DemoServer.start(ephemeral(tls), Map.of(), true)) {
            String guarded = "https://127.0.0.1:" + demo.httpsPort() + "/guarded/ping";

            assertThat(DemoClient.withCertificate(trust, vetoed.chain(), vetoed.key()).get(guarded).statusCode())
                    .isEqualTo(200);
            assertThat(DemoClient.withCertificate(trust, vetoed.chain(), vetoed.key())
                    .get("https://127.0.0.1:" + demo.httpsPort() + "/whoami").body())
                    .contains("\"subjectCN\":\"" + VetoedClientCheck.VETOED + "\"");
        }
    }

    @Test
    void mainWhenStartedAsUsersRunItThenInjectClientCertificateReadsTheJaxrsRequestPropertyAndFillsNoHolder() throws Exception {
        // jersey-cdi-rs-inject (test scope, as the demo runs): CDI has Jersey's ContainerRequestContext bean
        try (LogCapture log = LogCapture.start(); DemoServer demo = DemoServer.start(ephemeral(Map.of()), Map.of(), true)) {
            assertThat(client("svc-a").get("https://127.0.0.1:" + demo.httpsPort() + "/whoami").body())
                    .contains("\"subjectCN\":\"svc-a\"");
            assertThat(log.records()).extracting(java.util.logging.LogRecord::getMessage)
                    .anyMatch(message -> message.contains("@Inject ClientCertificate reads the JAX-RS request property"))
                    .noneMatch(message -> message.contains("request-scoped holder"));
        }
    }

    @Test
    void startWhenTlsMaterialGivenThenServesItAndTheTlsLayerRefusesAnExpiredClient() throws Exception {
        Instant now = Instant.now();
        Pki.Issued ca = Pki.root("CN=own-ca").build();
        Pki.Issued server = ca.issue("CN=localhost").serverAuth().ip("127.0.0.1").build();
        Pki.Issued valid = ca.issue("CN=valid").uri("spiffe://own/valid").build();
        Pki.Issued expired = ca.issue("CN=expired").uri("spiffe://own/expired")
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
        Path cert = Pki.writePem(dir.resolve("own/server.pem"), server.chain());
        Path key = Pki.writePem(dir.resolve("own/server-key.pem"), server.key());
        Path trust = Pki.writePem(dir.resolve("own/ca.pem"), ca.certificate());

        try (DemoServer demo = DemoServer.start(ephemeral(Map.of("certgate.demo.tls.cert", cert.toString(),
                "certgate.demo.tls.key", key.toString(), "certgate.demo.tls.trust", trust.toString())), Map.of())) {
            String whoami = "https://127.0.0.1:" + demo.httpsPort() + "/whoami";

            assertThat(demo.pkiDir()).isNull();
            assertThat(DemoClient.withCertificate(trust, valid.chain(), valid.key()).get(whoami).body())
                    .contains("\"principal\":\"spiffe://own/valid\"");
            // PKIX in the TLS layer refuses it before certgate sees it; were it let through,
            // certgate's check-validity would answer 403 (see CertificatePolicyTest)
            assertThat(catchThrowable(() -> DemoClient.withCertificate(trust, expired.chain(), expired.key()).get(whoami)))
                    .isInstanceOf(IOException.class);
        }
    }
}
