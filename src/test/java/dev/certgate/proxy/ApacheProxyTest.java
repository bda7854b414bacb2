package dev.certgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.certgate.demo.DemoClient;
import dev.certgate.demo.DemoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Apache httpd 2.4 (Debian's {@code apache2}: mod_ssl, mod_headers, mod_proxy_http) including
 * {@code server-config/apache/certgate-mtls.conf} unchanged (Apache reads its {@code ${CERTGATE_*}}
 * from the environment), terminating mTLS in front of the demo's plain HTTP port: the certificate
 * arrives as PEM with its line breaks turned into spaces, the verify result as
 * {@code SSL_CLIENT_VERIFY}. Two servers: the file as is ({@code SSLVerifyClient require}) and
 * started with {@code -D CERTGATE_CLIENT_CERT_OPTIONAL} ({@code optional}). The demo lists every
 * forwarded source, so a format Apache failed to clear would show.
 */
class ApacheProxyTest {

    /** The vhost file included as is; the rest is what a distribution's apache2.conf gives it. */
    static final String MAIN_CONF = """
            ServerRoot "%1$s"
            ServerName 127.0.0.1
            PidFile "%1$s/httpd.pid"
            ErrorLog "%1$s/error.log"
            LogLevel warn
            DefaultRuntimeDir "%1$s"
            Mutex file:%1$s default
            # as root the workers drop to this user; otherwise ignored
            User www-data
            Group www-data
            LoadModule mpm_event_module %2$s/mod_mpm_event.so
            LoadModule authz_core_module %2$s/mod_authz_core.so
            LoadModule headers_module %2$s/mod_headers.so
            LoadModule proxy_module %2$s/mod_proxy.so
            LoadModule proxy_http_module %2$s/mod_proxy_http.so
            LoadModule socache_shmcb_module %2$s/mod_socache_shmcb.so
            LoadModule ssl_module %2$s/mod_ssl.so
            StartServers 1
            SSLSessionCache "shmcb:%1$s/ssl_scache(512000)"
            Listen 127.0.0.1:%3$d https
            Include "%4$s"
            """;
    static final String MODULES = "/usr/lib/apache2/modules";
    static final Path VHOST = Path.of("server-config/apache/certgate-mtls.conf");

    @TempDir
    static Path dir;

    static DemoServer demo;
    static ProxyProcess required;
    static ProxyProcess optional;
    static String requiredBase;
    static String optionalBase;

    @BeforeAll
    static void start() throws Exception {
        String binary = ProxyProcess.require("apache2");
        Path pki = dir.resolve("pki");
        demo = ProxyFixture.demo(pki, Map.of("certgate.sources", ProxyFixture.EVERY_SOURCE));
        Path runtime = ProxyFixture.runtimeDir(dir);
        int requiredPort = ProxyProcess.freePort();
        required = apache(binary, runtime.resolve("require"), requiredPort, pki, List.of());
        requiredBase = "https://127.0.0.1:" + requiredPort;
        int optionalPort = ProxyProcess.freePort();
        optional = apache(binary, runtime.resolve("optional"), optionalPort, pki, List.of("-D", "CERTGATE_CLIENT_CERT_OPTIONAL"));
        optionalBase = "https://127.0.0.1:" + optionalPort;
    }

    static ProxyProcess apache(String binary, Path root, int port, Path pki, List<String> defines) throws Exception {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path conf = Files.writeString(root.resolve("httpd.conf"),
                MAIN_CONF.formatted(root, MODULES, port, VHOST.toAbsolutePath()));
        List<String> command = new java.util.ArrayList<>(List.of(binary, "-f", conf.toString(), "-D", "FOREGROUND"));
        command.addAll(defines);
        return ProxyProcess.start(command,
                Map.of("CERTGATE_LISTEN", "127.0.0.1:" + port,
                        "CERTGATE_UPSTREAM", "127.0.0.1:" + demo.httpPort(),
                        "CERTGATE_SERVER_CERT", pki.resolve("server.pem").toString(),
                        "CERTGATE_SERVER_KEY", pki.resolve("server-key.pem").toString(),
                        "CERTGATE_CLIENT_CA", pki.resolve("ca.pem").toString()),
                port, root.resolve("apache.out"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (ProxyProcess apache : new ProxyProcess[] {required, optional}) {
            if (apache != null) {
                apache.close();
            }
        }
        if (demo != null) {
            demo.close();
        }
    }

    static DemoClient client(String name) throws Exception {
        return DemoClient.fromPki(dir.resolve("pki"), name);
    }

    static DemoClient anonymous() throws Exception {
        return DemoClient.anonymous(dir.resolve("pki/ca.pem"));
    }

    /** Every certificate header certgate reads, each claiming svc-a, in the form its source expects. */
    static String[] forgedSvcA() throws Exception {
        return ProxyFixture.forgedSvcA(dir.resolve("pki"), "SUCCESS");
    }

    @Test
    void whoamiWhenAllowedClientThenIdentityAndSha256OfTheForwardedCertificate() throws Exception {
        HttpResponse<String> response = client("svc-a").get(requiredBase + "/whoami");

        assertThat(response.statusCode()).as(response.body() + required.output()).isEqualTo(200);
        assertThat(NginxProxyTest.json(response)).containsEntry("principal", "spiffe://acme/svc-a")
                .containsEntry("source", "headers")
                .containsEntry("verified", true)
                .containsEntry("subjectCN", "svc-a")
                .containsEntry("fingerprint256", ProxyFixture.fingerprint(dir.resolve("pki/svc-a.pem")));
    }

    @Test
    void chargeWhenAllowedClientThroughOptionalThen200() throws Exception {
        HttpResponse<String> response = client("svc-a").post(optionalBase + "/payments/charge");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void chargeWhenClientRefusedByPolicyThen403WithoutTheReason() throws Exception {
        HttpResponse<String> response = client("svc-b").post(requiredBase + "/payments/charge");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(ProxyFixture.REFUSED);
    }

    @Test
    void pingWhenNoClientCertificateThroughOptionalThen401WithoutTheReason() throws Exception {
        HttpResponse<String> guarded = anonymous().get(optionalBase + "/guarded/ping");
        HttpResponse<String> open = anonymous().get(optionalBase + "/public/ping");

        // Apache sends X-SSL-Client-Cert: (null) and X-SSL-Client-Verify: NONE: no certificate
        assertThat(guarded.statusCode()).isEqualTo(401);
        assertThat(guarded.body()).isEqualTo(ProxyFixture.REQUIRED);
        assertThat(ProxyFixture.lastReason()).isEqualTo("no-certificate");
        assertThat(open.statusCode()).isEqualTo(200);
    }

    @Test
    void chargeWhenClientForgesEveryCertificateHeaderThroughApacheThenItIsStillItself() throws Exception {
        HttpResponse<String> charge = client("svc-b").post(requiredBase + "/payments/charge", forgedSvcA());
        HttpResponse<String> whoami = client("svc-b").get(requiredBase + "/whoami", forgedSvcA());

        assertThat(charge.statusCode()).isEqualTo(403);
        assertThat(charge.body()).isEqualTo(ProxyFixture.REFUSED);
        assertThat(NginxProxyTest.json(whoami)).containsEntry("principal", "spiffe://acme/svc-b").containsEntry("source", "headers");
    }

    @Test
    void chargeWhenClientWithoutCertificateForgesEveryHeaderThroughOptionalThen401() throws Exception {
        HttpResponse<String> response = anonymous().post(optionalBase + "/payments/charge", forgedSvcA());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(ProxyFixture.REQUIRED);
        assertThat(ProxyFixture.lastReason()).isEqualTo("no-certificate");
    }

    @Test
    void chargeWhenForgedHeadersSentStraightToTheAppFromAnUntrustedPeerThen401() throws Exception {
        String[] forged = forgedSvcA();
        StringBuilder request = new StringBuilder("POST /payments/charge HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < forged.length; i += 2) {
            request.append(forged[i]).append(": ").append(forged[i + 1]).append("\r\n");
        }
        request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");

        // 127.0.0.2 is loopback too, but not in certgate.trusted-proxies: every header is ignored
        String response = send("127.0.0.2", demo.httpPort(), request.toString());

        assertThat(response).startsWith("HTTP/1.1 401 ").endsWith("\r\n\r\n" + ProxyFixture.REQUIRED);
        assertThat(ProxyFixture.lastReason()).isEqualTo("untrusted-peer");
    }

    @Test
    void pingWhenClientOfAnotherCaThenApacheRefusesTheHandshake() {
        for (String base : List.of(requiredBase, optionalBase)) {
            Throwable failure = catchThrowable(() -> client("rogue").get(base + "/guarded/ping"));

            // rogue has svc-a's names, from another CA: SSLVerifyClient refuses it under both modes
            assertThat(failure).as(base).isInstanceOf(IOException.class);
        }
    }

    @Test
    void pingWhenNoClientCertificateAndRequiredThenApacheRefusesTheHandshake() {
        Throwable failure = catchThrowable(() -> anonymous().get(requiredBase + "/public/ping"));

        assertThat(failure).isInstanceOf(IOException.class);
    }

    /** One raw HTTP/1.1 exchange from {@code from}, the whole response as text. */
    static String send(String from, int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
