package dev.certgate.demo;

import static dev.certgate.demo.DemoHostileHttpTest.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every key of DESIGN.md's configuration contract, end to end: a demo started with the key set
 * (consecutive rows with the same settings share one), one request written byte by byte to its plain port,
 * where 127.0.0.1 is the trusted proxy, and the status and body the key promises. Placeholders:
 * {@code {DER}} base64 DER, {@code {PEM}} URL-encoded PEM, {@code {HASH}} hex SHA-256 and
 * {@code {FP}} the same lower-cased with colons, of svc-a; {@code {DER_B}}, {@code {HASH_B}} of
 * svc-b; {@code {EXPIRED}} an expired svc-a look-alike; {@code {OTHER_CA}} svc-a's SAN from
 * another CA; {@code |} separates header lines.
 */
class DemoConfigurationContractTest {

    @TempDir
    static Path pki;

    /** One demo at a time (one MicroProfile Config per class loader): rows with the same settings share it. */
    static DemoServer running;
    static String runningSettings;
    static final Map<String, String> VALUES = new LinkedHashMap<>();

    @BeforeAll
    static void certificates() throws Exception {
        DemoOnFreePorts.mintPki(pki);
        X509Certificate svcA = DemoPki.readCertificates(pki.resolve("svc-a.pem")).get(0);
        X509Certificate svcB = DemoPki.readCertificates(pki.resolve("svc-b.pem")).get(0);
        String hash = CertificateNormalizer.fingerprint256(svcA);
        Instant now = Instant.now();
        Pki.Issued otherCa = Pki.root("CN=other-ca").build();
        Pki.Issued expired = otherCa.issue("CN=svc-a,O=Acme").uri("spiffe://acme/svc-a")
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
        Pki.Issued other = otherCa.issue("CN=svc-a,O=Acme").uri("spiffe://acme/svc-a").build();
        VALUES.put("{DER_B}", der(svcB));
        VALUES.put("{HASH_B}", CertificateNormalizer.fingerprint256(svcB));
        VALUES.put("{DER}", der(svcA));
        VALUES.put("{PEM}", URLEncoder.encode(Pki.pem(svcA), StandardCharsets.UTF_8).replace("+", "%20"));
        VALUES.put("{HASH}", hash);
        VALUES.put("{FP}", hash.toLowerCase(java.util.Locale.ROOT).replaceAll("(..)(?!$)", "$1:"));
        VALUES.put("{EXPIRED}", der(expired.certificate()));
        VALUES.put("{OTHER_CA}", der(other.certificate()));
    }

    private static String der(X509Certificate certificate) throws Exception {
        return Base64.getEncoder().encodeToString(certificate.getEncoded());
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    private static DemoServer demo(String settings) throws Exception {
        if (!settings.equals(runningSettings)) {
            stop();
            running = null;
            Map<String, String> config = new HashMap<>(Map.of("certgate.demo.https-port", "0",
                    "certgate.demo.http-port", "0", "certgate.demo.pki-dir", pki.toString()));
            if (!settings.isBlank()) {
                for (String setting : settings.split(";")) {
                    String[] pair = setting.split("=", 2);
                    config.put(pair[0].trim(), fill(pair[1].trim()));
                }
            }
            if (config.containsKey("certgate.sources") && !config.containsKey("certgate.trusted-proxies")) {
                config.put("certgate.trusted-proxies", "127.0.0.1/32");
            }
            running = DemoServer.start(config, Map.of());
            runningSettings = settings;
        }
        return running;
    }

    private static String fill(String text) {
        String filled = text;
        for (Map.Entry<String, String> value : VALUES.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '!', quoteCharacter = '`', textBlock = """
            sources default native: RFC 9440 header ignored      !                                            ! GET /whoami           ! Client-Cert: :{DER}:                                  ! 401 ! client-certificate-required
            sources default native: XFCC ignored                 !                                            ! GET /whoami           ! X-Forwarded-Client-Cert: Hash={HASH}                  ! 401 ! client-certificate-required
            sources default native: nginx headers ignored        !                                            ! GET /whoami           ! X-SSL-Client-Cert: {PEM}|X-SSL-Client-Verify: SUCCESS ! 401 ! client-certificate-required
            sources order: the first that yields wins            ! certgate.sources=client-cert,xfcc          ! GET /whoami           ! X-Forwarded-Client-Cert: Hash={HASH_B}|Client-Cert: :{DER}: ! 200 ! "source":"client-cert"
            sources order, reversed                              ! certgate.sources=xfcc,client-cert          ! GET /whoami           ! X-Forwarded-Client-Cert: Hash={HASH_B}|Client-Cert: :{DER}: ! 200 ! "source":"xfcc"
            sources: a later source fills in                     ! certgate.sources=xfcc,client-cert          ! GET /whoami           ! Client-Cert: :{DER}:                                  ! 200 ! "principal":"spiffe://acme/svc-a"
            xfcc.header renamed: read                            ! certgate.sources=xfcc;certgate.xfcc.header=x-client-cert ! GET /whoami ! X-Client-Cert: Hash={HASH};URI=spiffe://acme/svc-a ! 200 ! "source":"xfcc"
            xfcc.header renamed: the default name is not         ! certgate.sources=xfcc;certgate.xfcc.header=x-client-cert ! GET /whoami ! X-Forwarded-Client-Cert: Hash={HASH};URI=spiffe://acme/svc-a ! 401 ! client-certificate-required
            xfcc.header renamed: sent twice                      ! certgate.sources=xfcc;certgate.xfcc.header=x-client-cert ! GET /whoami ! X-Client-Cert: Hash={HASH}|x-client-cert: Hash={HASH} ! 403 ! client-certificate-refused
            xfcc.element default last                            ! certgate.sources=xfcc                      ! GET /whoami           ! `X-Forwarded-Client-Cert: Hash={HASH};URI=spiffe://acme/svc-a,Hash={HASH_B};URI=spiffe://acme/svc-b` ! 200 ! "principal":"spiffe://acme/svc-b"
            xfcc.element first                                   ! certgate.sources=xfcc;certgate.xfcc.element=first ! GET /whoami    ! `X-Forwarded-Client-Cert: Hash={HASH};URI=spiffe://acme/svc-a,Hash={HASH_B};URI=spiffe://acme/svc-b` ! 200 ! "principal":"spiffe://acme/svc-a"
            xfcc: neither Hash nor Cert                          ! certgate.sources=xfcc                      ! GET /whoami           ! X-Forwarded-Client-Cert: By=spiffe://acme/envoy;URI=spiffe://acme/svc-a ! 401 ! client-certificate-required
            xfcc: Envoy's documented example                     ! certgate.sources=xfcc                      ! GET /whoami           ! X-Forwarded-Client-Cert: By=http://frontend.lyft.com;Hash=468ed33be74eee6556d90c0149c1309e9ba61d6425303443c0748a02dd8de688;Subject="/C=US/ST=CA/L=San Francisco/OU=Lyft/CN=Test Client";URI=http://testclient.lyft.com ! 200 ! "principal":"Test Client","roles":[],"source":"xfcc","subjectDN":"CN=Test Client,OU=Lyft,L=San Francisco,ST=CA,C=US","subjectCN":"Test Client"
            xfcc: Envoy's documented two elements, the last      ! certgate.sources=xfcc                      ! GET /whoami           ! `X-Forwarded-Client-Cert: By=http://frontend.lyft.com;Hash=468ed33be74eee6556d90c0149c1309e9ba61d6425303443c0748a02dd8de688;URI=http://testclient.lyft.com,By=http://backend.lyft.com;Hash=9ba61d6425303443c0748a02dd8de688468ed33be74eee6556d90c0149c1309e;URI=http://frontend.lyft.com` ! 200 ! "fingerprint256":"9BA61D6425303443C0748A02DD8DE688468ED33BE74EEE6556D90C0149C1309E","subjectAltNames":["URI:http://frontend.lyft.com"]
            xfcc: a Subject in RFC 2253, any spacing and case    ! certgate.sources=xfcc;certgate.allow.subject-cns=svc-a ! GET /whoami ! X-Forwarded-Client-Cert: Hash={HASH};Subject="cn=svc-a, o=Acme" ! 200 ! "subjectDN":"CN=svc-a,O=Acme"
            xfcc: a Subject that is no DN                        ! certgate.sources=xfcc                      ! GET /whoami           ! X-Forwarded-Client-Cert: Hash={HASH};Subject="svc-a";URI=spiffe://acme/svc-a ! 401 ! client-certificate-required
            headers: renamed cert and verify, HAProxy's 0        ! certgate.sources=headers;certgate.headers.cert=X-Client-Der;certgate.headers.verify=X-Client-Verify;certgate.headers.verify-success=0 ! GET /whoami ! X-Client-Der: {DER}|X-Client-Verify: 0 ! 200 ! "verified":true
            headers: renamed, another verify value               ! certgate.sources=headers;certgate.headers.cert=X-Client-Der;certgate.headers.verify=X-Client-Verify;certgate.headers.verify-success=0 ! GET /whoami ! X-Client-Der: {DER}|X-Client-Verify: SUCCESS ! 403 ! client-certificate-refused
            headers: renamed, default names no longer read       ! certgate.sources=headers;certgate.headers.cert=X-Client-Der;certgate.headers.verify=X-Client-Verify;certgate.headers.verify-success=0 ! GET /whoami ! X-SSL-Client-Cert: {DER}|X-SSL-Client-Verify: SUCCESS ! 401 ! client-certificate-required
            headers: renamed DN and fingerprint headers          ! certgate.sources=headers;certgate.headers.subject-dn=X-Dn;certgate.headers.issuer-dn=X-Issuer;certgate.headers.fingerprint=X-Fp ! GET /whoami ! X-Dn: CN=svc-a,O=Acme|X-Issuer: CN=acme-internal-ca,O=Acme|X-Fp: {FP}|X-SSL-Client-Verify: SUCCESS ! 200 ! "fingerprint256":"{HASH}"
            headers: the cert header wins over the DN headers    ! certgate.sources=headers                   ! GET /whoami           ! X-SSL-Client-Cert: {PEM}|X-SSL-Client-S-DN: CN=svc-b|X-SSL-Client-Verify: SUCCESS ! 200 ! "subjectCN":"svc-a"
            headers: verify header sent twice                    ! certgate.sources=headers                   ! GET /whoami           ! X-SSL-Client-Cert: {PEM}|X-SSL-Client-Verify: SUCCESS|X-SSL-Client-Verify: SUCCESS ! 403 ! client-certificate-refused
            require-verified false: unverified passes            ! certgate.sources=headers;certgate.require-verified=false ! GET /whoami ! X-SSL-Client-Cert: {DER} ! 200 ! "verified":false
            require-verified false: a policy inherits it         ! certgate.sources=headers;certgate.require-verified=false ! POST /payments/charge ! X-SSL-Client-Cert: {DER} ! 200 ! "charged":true
            require-verified: a policy's own value wins          ! certgate.sources=headers;certgate.require-verified=false;certgate.policy.payments.require-verified=true ! POST /payments/charge ! X-SSL-Client-Cert: {DER} ! 403 ! client-certificate-refused
            check-validity default: expired refused              ! certgate.sources=client-cert               ! GET /guarded/ping     ! Client-Cert: :{EXPIRED}:                              ! 403 ! client-certificate-refused
            check-validity false: expired passes                 ! certgate.sources=client-cert;certgate.check-validity=false ! GET /guarded/ping ! Client-Cert: :{EXPIRED}: ! 200 ! pong
            check-validity: a policy's own true wins             ! certgate.sources=client-cert;certgate.check-validity=false;certgate.policy.payments.check-validity=true ! POST /payments/charge ! Client-Cert: :{EXPIRED}: ! 403 ! client-certificate-refused
            allow.issuer-cns: the demo CA                        ! certgate.sources=client-cert;certgate.allow.issuer-cns=acme-internal-ca ! GET /guarded/ping ! Client-Cert: :{DER}: ! 200 ! pong
            allow.issuer-cns: another CA's look-alike            ! certgate.sources=client-cert;certgate.allow.issuer-cns=acme-internal-ca ! GET /guarded/ping ! Client-Cert: :{OTHER_CA}: ! 403 ! client-certificate-refused
            allow.issuer-cns: case-sensitive                     ! certgate.sources=client-cert;certgate.allow.issuer-cns=ACME-internal-ca ! GET /guarded/ping ! Client-Cert: :{DER}: ! 403 ! client-certificate-refused
            allow.fingerprints: colons and case ignored          ! certgate.sources=client-cert;certgate.allow.fingerprints={FP} ! GET /guarded/ping ! Client-Cert: :{DER}:     ! 200 ! pong
            allow.fingerprints: another certificate              ! certgate.sources=client-cert;certgate.allow.fingerprints={FP} ! GET /guarded/ping ! Client-Cert: :{DER_B}:   ! 403 ! client-certificate-refused
            allow.sans: a bare value matches any type            ! certgate.sources=client-cert;certgate.allow.sans=spiffe://acme/svc-b ! GET /guarded/ping ! Client-Cert: :{DER_B}: ! 200 ! pong
            allow.sans: a typed value matches its type only      ! certgate.sources=client-cert;certgate.allow.sans=DNS:spiffe://acme/svc-b ! GET /guarded/ping ! Client-Cert: :{DER_B}: ! 403 ! client-certificate-refused
            allow.sans: URI wildcard below a path                ! certgate.sources=client-cert;certgate.allow.sans=URI:spiffe://acme/* ! GET /guarded/ping ! Client-Cert: :{DER_B}: ! 200 ! pong
            allow: every list set must match                     ! certgate.sources=client-cert;certgate.allow.subject-cns=svc-a;certgate.allow.sans=URI:spiffe://acme/svc-b ! GET /guarded/ping ! Client-Cert: :{DER}: ! 403 ! client-certificate-refused
            allow: OR within a list                              ! certgate.sources=client-cert;certgate.allow.subject-cns=nobody,svc-a ! GET /guarded/ping ! Client-Cert: :{DER}: ! 200 ! pong
            policy: inherits the default's lists and adds its own ! certgate.sources=client-cert;certgate.allow.issuer-cns=other-ca ! POST /payments/charge ! Client-Cert: :{DER}: ! 403 ! client-certificate-refused
            roles: by fingerprint, beside the shipped admin      ! certgate.sources=client-cert;certgate.roles.ops.fingerprints={FP} ! GET /whoami ! Client-Cert: :{DER}: ! 200 ! "roles":["admin","ops"]
            roles: another certificate has none                  ! certgate.sources=client-cert;certgate.roles.ops.fingerprints={FP} ! GET /whoami ! Client-Cert: :{DER_B}: ! 200 ! "roles":[]
            principal default: the SPIFFE ID                     ! certgate.sources=client-cert               ! GET /whoami           ! Client-Cert: :{DER}:                                  ! 200 ! "principal":"spiffe://acme/svc-a"
            principal fingerprint                                ! certgate.sources=client-cert;certgate.principal=fingerprint ! GET /whoami ! Client-Cert: :{DER}:              ! 200 ! "principal":"{HASH}"
            principal subject-dn                                 ! certgate.sources=client-cert;certgate.principal=subject-dn ! GET /whoami ! Client-Cert: :{DER}:               ! 200 ! "principal":"CN=svc-a,O=Acme"
            principal san-dns absent, then subject-cn            ! certgate.sources=client-cert;certgate.principal=san-dns,subject-cn ! GET /whoami ! Client-Cert: :{DER}:       ! 200 ! "principal":"svc-a"
            principal: nothing to name the caller by             ! certgate.sources=client-cert;certgate.principal=san-email ! GET /whoami ! Client-Cert: :{DER}:                ! 403 ! client-certificate-refused
            max-header-bytes: a header within it                 ! certgate.sources=client-cert;certgate.max-header-bytes=2000 ! GET /whoami ! Client-Cert: :{DER}:              ! 200 ! "source":"client-cert"
            max-header-bytes: one byte over                      ! certgate.sources=xfcc;certgate.max-header-bytes=2000 ! GET /whoami ! X-Forwarded-Client-Cert: Hash={HASH};By=spiffe://{PAD2001} ! 401 ! client-certificate-required
            max-header-bytes: exactly                            ! certgate.sources=xfcc;certgate.max-header-bytes=2000 ! GET /whoami ! X-Forwarded-Client-Cert: Hash={HASH};By=spiffe://{PAD2000} ! 200 ! "fingerprint256":"{HASH}"
            traefik VerifyClientCertIfGiven: verified            ! certgate.sources=traefik;certgate.traefik.client-auth-type=VerifyClientCertIfGiven ! GET /whoami ! X-Forwarded-Tls-Client-Cert: {DER} ! 200 ! "verified":true
            traefik RequireAnyClientCert: unverified             ! certgate.sources=traefik;certgate.traefik.client-auth-type=RequireAnyClientCert ! GET /whoami ! X-Forwarded-Tls-Client-Cert: {DER} ! 403 ! client-certificate-refused
            traefik: URL-escaped, as Traefik 2 sends it          ! certgate.sources=traefik;certgate.traefik.client-auth-type=RequireAndVerifyClientCert ! GET /whoami ! X-Forwarded-Tls-Client-Cert: {DER_ESCAPED} ! 200 ! "source":"traefik"
            aws-alb passthrough header renamed                   ! certgate.sources=aws-alb;certgate.require-verified=false;certgate.aws-alb.clientcert-header=X-Client-Chain ! GET /whoami ! X-Client-Chain: {PEM} ! 200 ! "verified":false
            aws-alb verify: the leaf's subject disagrees         ! certgate.sources=aws-alb;certgate.aws-alb.mode=verify ! GET /whoami  ! X-Amzn-Mtls-Clientcert-Leaf: {PEM}|X-Amzn-Mtls-Clientcert-Subject: CN=svc-b ! 403 ! client-certificate-refused
            """)
    void requestWhenKeyIsSetThenAnswersAsTheContractSays(String what, String settings, String request, String headers,
            int status, String fragment) throws Exception {
        DemoServer demo = demo(settings == null ? "" : settings);
        StringBuilder raw = new StringBuilder(request).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (headers != null) {
            for (String header : headers.split("\\|")) {
                raw.append(pad(fill(header).replace("{DER_ESCAPED}",
                        URLEncoder.encode(VALUES.get("{DER}"), StandardCharsets.UTF_8)))).append("\r\n");
            }
        }
        String response = exchange(demo.httpPort(), raw.append("Content-Length: 0\r\nConnection: close\r\n\r\n").toString());

        assertThat(response).as(what).startsWith("HTTP/1.1 " + status + " ").contains(fill(fragment));
        if (status >= 400) {
            assertThat(response).contains("Content-Type: application/problem+json", "Cache-Control: no-store")
                    .doesNotContain(VALUES.get("{HASH}"), "svc-a", "svc-b");
        }
    }

    /** {@code {PADn}}: pads the header line's value to exactly n bytes. */
    private static String pad(String line) {
        java.util.regex.Matcher pad = java.util.regex.Pattern.compile("\\{PAD(\\d+)}").matcher(line);
        if (!pad.find()) {
            return line;
        }
        int length = Integer.parseInt(pad.group(1));
        String value = line.substring(line.indexOf(':') + 2).replace(pad.group(), "");
        return line.substring(0, line.indexOf(':') + 2) + value + "x".repeat(length - value.length());
    }
}
