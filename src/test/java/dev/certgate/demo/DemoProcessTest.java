package dev.certgate.demo;

import static dev.certgate.demo.DemoServerTlsTest.REFUSED;
import static dev.certgate.demo.DemoServerTlsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.proxy.ProxyProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DESIGN.md's demo contract held where {@code mvn -Pdemo} holds it: {@link DemoServer#main} as
 * its own process, configured by {@code -D} options and environment variables over the shipped
 * {@code microprofile-config.properties}. The curl commands it prints are run as printed, and
 * must answer what their comments say; a bad value stops it with exit code 2 and one line naming
 * the key, never a stack trace.
 */
class DemoProcessTest {

    @TempDir
    static Path pki;

    /** {@code # comment} then the command, as the banner prints them. */
    private static final Pattern COMMAND = Pattern.compile("(?m)^# (.+)\\n(curl .+)$");

    @Test
    void mainWhenStartedThenEveryPrintedCurlCommandAnswersWhatItsCommentSays() throws Exception {
        String curl = ProxyProcess.require("curl");
        try (DemoProcess demo = DemoProcess.start(pki, Map.of(), Map.of()).awaitListening()) {
            Matcher commands = COMMAND.matcher(demo.stdout());
            List<String> checked = new ArrayList<>();
            while (commands.find()) {
                String comment = commands.group(1);
                String command = commands.group(2).replaceFirst("^curl ", curl + " ");
                Process run = new ProcessBuilder("bash", "-c", command + " -s -o /dev/null -w '%{http_code}'")
                        .redirectErrorStream(true).start();
                String status = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                int exit = run.waitFor();
                Matcher expected = Pattern.compile("\\b([1-5]\\d\\d)\\b").matcher(comment);
                if (expected.find()) {
                    assertThat(status).as(comment + "\n" + command).isEqualTo(expected.group(1));
                } else {
                    assertThat(comment).contains("TLS layer refuses");
                    assertThat(exit).as(comment + "\n" + command).isNotZero();
                    assertThat(status).as(comment).isEqualTo("000");
                }
                checked.add(comment);
            }
            // an allowed and a refused client, as DESIGN.md says the demo prints
            assertThat(checked).anyMatch(c -> c.startsWith("svc-a") && c.contains("200"))
                    .anyMatch(c -> c.startsWith("svc-b") && c.contains("403")).anyMatch(c -> c.contains("401"))
                    .hasSizeGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void mainWhenEnvironmentVariableSetsThePaymentsPolicyThenItOverridesTheShippedFile() throws Exception {
        try (DemoProcess demo = DemoProcess.start(pki, Map.of(),
                Map.of("CERTGATE_POLICY_PAYMENTS_ALLOW_SANS", "URI:spiffe://acme/svc-b")).awaitListening()) {
            String charge = "https://127.0.0.1:" + demo.httpsPort() + "/payments/charge";

            assertThat(DemoClient.fromPki(pki, "svc-b").post(charge).body()).contains("\"by\":\"spiffe://acme/svc-b\"");
            assertProblem(DemoClient.fromPki(pki, "svc-a").post(charge), 403, REFUSED);
        }
    }

    @Test
    void mainWhenSystemPropertyAndEnvironmentVariableDisagreeThenThePropertyWins() throws Exception {
        try (DemoProcess demo = DemoProcess.start(pki, Map.of("certgate.roles.admin.sans", "URI:spiffe://acme/svc-b"),
                Map.of("CERTGATE_ROLES_ADMIN_SANS", "URI:spiffe://acme/svc-a")).awaitListening()) {
            String admin = "https://127.0.0.1:" + demo.httpsPort() + "/admin";

            assertThat(DemoClient.fromPki(pki, "svc-b").get(admin).statusCode()).isEqualTo(200);
            assertProblem(DemoClient.fromPki(pki, "svc-a").get(admin), 403, REFUSED);
        }
    }

    @Test
    void mainWhenEnvironmentNamesHeaderSourcesThenTheTrustedProxyIsHeardAndNobodyElse() throws Exception {
        try (DemoProcess demo = DemoProcess.start(pki, Map.of(), Map.of("CERTGATE_SOURCES", "client-cert,native",
                "CERTGATE_TRUSTED_PROXIES", "127.0.0.1/32")).awaitListening()) {
            String der = java.util.Base64.getEncoder().encodeToString(
                    DemoPki.readCertificates(pki.resolve("svc-a.pem")).get(0).getEncoded());
            String request = "GET /whoami HTTP/1.1\r\nHost: 127.0.0.1\r\nClient-Cert: :" + der
                    + ":\r\nConnection: close\r\n\r\n";

            assertThat(DemoHostileHttpTest.exchange(demo.httpPort(), request)).startsWith("HTTP/1.1 200 ")
                    .contains("\"principal\":\"spiffe://acme/svc-a\"", "\"source\":\"client-cert\"");
            assertThat(exchangeFrom("127.0.0.2", demo.httpPort(), request)).startsWith("HTTP/1.1 401 ")
                    .contains("Content-Type: application/problem+json").doesNotContain("svc-a");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fingerprint not 64 hex digits, environment | env  | CERTGATE_ALLOW_FINGERPRINTS=zz                      | certgate.allow.fingerprints
            fingerprint not 64 hex digits, property    | prop | certgate.allow.fingerprints=zz                      | certgate.allow.fingerprints
            misspelled key, environment                | env  | CERTGATE_ALLOW_SAN=URI:spiffe://acme/svc-a          | CERTGATE_ALLOW_SAN
            misspelled key, property                   | prop | certgate.allow.san=URI:spiffe://acme/svc-a          | certgate.allow.san
            header source without trusted proxies      | env  | CERTGATE_SOURCES=xfcc,native                        | certgate.trusted-proxies
            unknown source                             | env  | CERTGATE_SOURCES=native,carrier-pigeon              | certgate.sources
            bad CIDR                                   | env  | CERTGATE_SOURCES=xfcc;CERTGATE_TRUSTED_PROXIES=10.0.0.0/33 | certgate.trusted-proxies
            unknown principal kind                     | prop | certgate.principal=common-name                      | certgate.principal
            token binding not a mode                   | env  | CERTGATE_TOKEN_BINDING=sometimes                    | certgate.token-binding
            max-header-bytes not a number              | prop | certgate.max-header-bytes=32k                       | certgate.max-header-bytes
            boolean not true or false                  | env  | CERTGATE_CHECK_VALIDITY=yes                         | certgate.check-validity
            xfcc element neither first nor last        | env  | CERTGATE_XFCC_ELEMENT=middle                        | certgate.xfcc.element
            empty allow-list                           | prop | certgate.policy.payments.allow.sans=                | certgate.policy.payments.allow.sans
            demo port not a port                       | prop | certgate.demo.https-port=abc                        | certgate.demo.https-port
            token key location names no file          | env  | MP_JWT_VERIFY_PUBLICKEY_LOCATION=/nonexistent/key.pem | mp.jwt.verify.publickey.location
            """)
    void mainWhenConfigurationIsWrongThenExits2NamingTheKeyWithoutAStackTrace(String what, String where,
            String settings, String key) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>();
        Map<String, String> properties = new java.util.HashMap<>();
        for (String setting : settings.split(";")) {
            String[] pair = setting.split("=", 2);
            (where.equals("env") ? environment : properties).put(pair[0], pair.length > 1 ? pair[1] : "");
        }

        try (DemoProcess demo = DemoProcess.start(pki, properties, environment)) {
            int exit = demo.awaitExit();

            assertThat(exit).as(what + "\n" + demo.stdout() + demo.stderr()).isEqualTo(2);
            assertThat(demo.stderr()).as(what).contains("The demo did not start: ").contains(key)
                    .doesNotContain("\tat ", "Exception in thread");
            assertThat(demo.stdout()).doesNotContain("listening on");
        }
    }

    /**
     * {@code certgate.demo.tls.*} files a user could hand the demo: each stops it with exit code 2
     * and the key named, never a stack trace. {@code PKI} stands for the minted demo PKI.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            key with broken base64             | key   | -----BEGIN PRIVATE KEY-----\\nMIG@@@==x=\\n-----END PRIVATE KEY-----\\n | certgate.demo.tls.key
            key of base64 garbage              | key   | -----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n        | certgate.demo.tls.key
            key as PKCS#1                      | key   | -----BEGIN RSA PRIVATE KEY-----\\nAAAA\\n-----END RSA PRIVATE KEY-----\\n | certgate.demo.tls.key
            key encrypted                      | key   | -----BEGIN ENCRYPTED PRIVATE KEY-----\\nAAAA\\n-----END ENCRYPTED PRIVATE KEY-----\\n | certgate.demo.tls.key
            key not ASCII                      | key   | -----BEGIN PRIVATE KEY-----\\n\u00e9\u00e8\\n-----END PRIVATE KEY-----\\n | certgate.demo.tls.key
            key with END before BEGIN          | key   | -----END PRIVATE KEY-----\\n-----BEGIN PRIVATE KEY-----\\n | certgate.demo.tls.key
            certificate with broken base64     | cert  | -----BEGIN CERTIFICATE-----\\nMII@@@=x=\\n-----END CERTIFICATE-----\\n | certgate.demo.tls.cert
            trust bundle of base64 garbage     | trust | -----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n    | certgate.demo.tls.trust
            trust bundle empty                 | trust | ''                                                                    | certgate.demo.tls.trust
            """)
    void mainWhenTlsFileIsUnusableThenExits2NamingItsKeyWithoutAStackTrace(String what, String which, String content,
            String key) throws Exception {
        DemoOnFreePorts.mintPki(pki);
        Path bad = java.nio.file.Files.write(pki.resolve("bad-" + which + ".pem"),
                content.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));
        Map<String, String> files = new java.util.HashMap<>(Map.of(
                "certgate.demo.tls.cert", pki.resolve("server.pem").toString(),
                "certgate.demo.tls.key", pki.resolve("server-key.pem").toString(),
                "certgate.demo.tls.trust", pki.resolve("ca.pem").toString()));
        files.put("certgate.demo.tls." + which, bad.toString());

        try (DemoProcess demo = DemoProcess.start(pki, files, Map.of())) {
            int exit = demo.awaitExit();

            assertThat(exit).as(what + "\n" + demo.stdout() + demo.stderr()).isEqualTo(2);
            assertThat(demo.stderr()).as(what).contains("The demo did not start: ").contains(key + ": ")
                    .doesNotContain("\tat ", "Exception in thread");
        }
    }

    /**
     * An {@code mp.jwt.verify.publickey.location} file that holds no public key would start a demo
     * that refuses every token, as a missing file did ({@link DemoBlackBoxStartTest}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            text                   | not a key
            empty                  | ''
            a private key          | PRIVATE
            JSON that is no JWK    | {"keys":"none"}
            a PEM of garbage       | -----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\\n
            """)
    void mainWhenTokenKeyFileHoldsNoPublicKeyThenExits2NamingTheKey(String what, String content) throws Exception {
        DemoOnFreePorts.mintPki(pki);
        Path key = content.equals("PRIVATE") ? pki.resolve(DemoPki.TOKEN_KEY)
                : java.nio.file.Files.writeString(pki.resolve("bad-token-key.pem"), content.replace("\\n", "\n"));

        try (DemoProcess demo = DemoProcess.start(pki, Map.of(), Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", key.toString(),
                "MP_JWT_VERIFY_ISSUER", BearerTokens.ISSUER))) {
            int exit = demo.awaitExit();

            assertThat(exit).as(what + "\n" + demo.stdout() + demo.stderr()).isEqualTo(2);
            assertThat(demo.stderr()).contains("The demo did not start: ").contains("mp.jwt.verify.publickey.location: ")
                    .doesNotContain("\tat ", "Exception in thread");
        }
    }

    @Test
    void mainWhenTokenKeyFileIsThePublicKeyOrACertificateThenStarts() throws Exception {
        DemoOnFreePorts.mintPki(pki);
        for (String file : new String[] {DemoPki.TOKEN_PUBLIC_KEY, "ca.pem"}) {
            try (DemoProcess demo = DemoProcess.start(pki, Map.of("mp.jwt.verify.publickey.location",
                    pki.resolve(file).toString()), Map.of()).awaitListening()) {
                assertThat(demo.stderr()).as(file).doesNotContain("\tat ");
            }
        }
    }

    @Test
    void mainWhenStoppedAsByCtrlCThenExitsAndFreesBothPorts() throws Exception {
        DemoProcess demo = DemoProcess.start(pki, Map.of(), Map.of()).awaitListening();
        int https = demo.httpsPort();
        int http = demo.httpPort();

        demo.stop();

        for (int port : new int[] {https, http}) {
            try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
        assertThat(demo.stderr()).doesNotContain("\tat ");
    }

    /** {@link DemoHostileHttpTest#exchange} from another loopback address, a peer outside 127.0.0.1/32. */
    static String exchangeFrom(String from, int port, String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
