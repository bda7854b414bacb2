package dev.certgate.proxy;

import dev.certgate.CertificateNormalizer;
import dev.certgate.demo.DemoClient;
import dev.certgate.demo.DemoServer;
import dev.certgate.demo.DemoServerAccess;
import dev.certgate.demo.Pki;
import dev.certgate.demo.testbeans.DecisionCounter;
import jakarta.enterprise.inject.spi.CDI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The demo on loopback with the headers source, trusting only 127.0.0.1, for a proxy in front. */
final class ProxyFixture {

    /** Every forwarded source, then native: a format a proxy failed to clear would be read. */
    static final String EVERY_SOURCE = "headers,xfcc,client-cert,traefik,aws-alb,native";

    static final String REQUIRED = "{\"type\":\"urn:certgate:problem:client-certificate-required\","
            + "\"title\":\"Client certificate required\",\"status\":401}";
    static final String REFUSED = "{\"type\":\"urn:certgate:problem:client-certificate-refused\","
            + "\"title\":\"Client certificate refused\",\"status\":403}";

    private ProxyFixture() {
    }

    static DemoServer demo(Path pkiDir, Map<String, String> more) throws Exception {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "certgate.demo.https-port", "0",
                "certgate.demo.http-port", "0",
                "certgate.demo.pki-dir", pkiDir.toString(),
                "certgate.sources", "headers,native",
                "certgate.trusted-proxies", "127.0.0.1/32"));
        overrides.putAll(more);
        return DemoServer.start(overrides);
    }

    /** A folder the proxy's unprivileged workers may use. */
    static Path runtimeDir(Path parent) throws Exception {
        Path dir = Files.createDirectories(parent.resolve("runtime"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** A subfolder of {@link #runtimeDir} for one proxy. */
    static Path workDir(Path runtime, String name) throws Exception {
        Path dir = Files.createDirectories(runtime.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** The demo PKI's client {@code name}, or for {@code none} one that presents no certificate. */
    static DemoClient sender(Path pki, String name) throws Exception {
        return name.equals("none") ? DemoClient.anonymous(pki.resolve("ca.pem")) : DemoClient.fromPki(pki, name);
    }

    static String fingerprint(Path pem) throws Exception {
        return CertificateNormalizer.fingerprint256(DemoServerAccess.readCertificates(pem).get(0));
    }

    /**
     * The bundle a proxy trusts for clients ({@code client-cas.pem} in the demo PKI folder): the
     * demo CA and a second CA, which has issued the client {@code expired} (svc-a's names,
     * expired yesterday). The demo's {@code ca.pem} cannot issue more: its key is not kept.
     */
    static Path clientCas(Path pki) throws Exception {
        Instant now = Instant.now();
        Pki.Issued second = Pki.root("CN=acme-second-ca,O=Acme").build();
        Pki.Issued expired = second.issue("CN=svc-a,O=Acme").uri("spiffe://acme/svc-a")
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
        Pki.writePem(pki.resolve("expired.pem"), expired.chain());
        Pki.writePem(pki.resolve("expired-key.pem"), expired.key());
        return Files.writeString(pki.resolve("client-cas.pem"),
                Files.readString(pki.resolve("ca.pem")) + Pki.pem(second.certificate()));
    }

    /**
     * Every certificate header certgate reads, each claiming svc-a in the form its source
     * expects, the verify header saying {@code verifySuccess}.
     */
    static String[] forgedSvcA(Path pki, String verifySuccess) throws Exception {
        String pem = Files.readString(pki.resolve("svc-a.pem"));
        String der = Base64.getEncoder().encodeToString(DemoServerAccess.readCertificates(pki.resolve("svc-a.pem")).get(0).getEncoded());
        String escaped = URLEncoder.encode(pem, StandardCharsets.UTF_8).replace("+", "%20");
        return new String[] {
            "X-SSL-Client-Cert", pem.replace('\n', ' '),
            "X-SSL-Client-Verify", verifySuccess,
            "X-SSL-Client-S-DN", "CN=svc-a,O=Acme",
            "X-SSL-Client-Fingerprint", fingerprint(pki.resolve("svc-a.pem")),
            "X-Forwarded-Client-Cert", "Cert=\"" + escaped + "\";URI=spiffe://acme/svc-a",
            "Client-Cert", ":" + der + ":",
            "X-Forwarded-Tls-Client-Cert", der,
            "X-Amzn-Mtls-Clientcert-Leaf", escaped,
        };
    }

    /** The reason code of the demo's last decision, which the response never shows. */
    static String lastReason() {
        List<dev.certgate.CertificateAuthenticationEvent> recent = decisionCounter().recent();
        return recent.get(recent.size() - 1).reason();
    }

    /** How many decisions the demo has made so far. */
    static long decisions() {
        return decisionCounter().counts().values().stream().mapToLong(Long::longValue).sum();
    }

    private static DecisionCounter decisionCounter() {
        return CDI.current().select(DecisionCounter.class).get();
    }
}
