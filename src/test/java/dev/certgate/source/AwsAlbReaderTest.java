package dev.certgate.source;

import static dev.certgate.source.Resolutions.found;
import static dev.certgate.source.Resolutions.malformed;
import static dev.certgate.source.Resolutions.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import dev.certgate.demo.Pki;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.TestPki;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The aws-alb source over the header values AWS documents ("HTTP headers and mutual TLS"), and
 * over a certificate minted with exactly the documented names, serial and validity; both
 * listener modes; trusted and untrusted peers; every malformed form.
 */
class AwsAlbReaderTest {

    static final String CHAIN = "X-Amzn-Mtls-Clientcert";
    static final String LEAF = "X-Amzn-Mtls-Clientcert-Leaf";
    static final String SERIAL = "X-Amzn-Mtls-Clientcert-Serial-Number";
    static final String ISSUER = "X-Amzn-Mtls-Clientcert-Issuer";
    static final String SUBJECT = "X-Amzn-Mtls-Clientcert-Subject";
    static final String VALIDITY = "X-Amzn-Mtls-Clientcert-Validity";

    // AWS's example header contents for verify mode
    static final String DOC_SERIAL = "03A5B1";
    static final String DOC_ISSUER = "CN=rootcamtls.com,OU=rootCA,O=mTLS,L=Seattle,ST=Washington,C=US";
    static final String DOC_SUBJECT = "CN=client_.com,OU=client-3,O=mTLS,ST=Washington,C=US";
    static final String DOC_VALIDITY = "NotBefore=2023-09-21T01:50:17Z;NotAfter=2024-09-20T01:50:17Z";

    /** A CA and a leaf with the documented issuer, subject, serial number and validity. */
    static final Pki.Issued DOC_CA = Pki.root(DOC_ISSUER).build();
    static final Pki.Issued DOC_LEAF = DOC_CA.issue(DOC_SUBJECT).serial(new BigInteger(DOC_SERIAL, 16))
            .validity(Instant.parse("2023-09-21T01:50:17Z"), Instant.parse("2024-09-20T01:50:17Z"))
            .uri("spiffe://acme/client").build();

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8")), 32768);
    private static final HeaderNames VERIFY = HeaderNames.DEFAULTS.withAwsAlb(AwsAlbHeaders.DEFAULTS.withMode(AwsAlbHeaders.Mode.VERIFY));
    private final AwsAlbReader verify = new AwsAlbReader(VERIFY, GATE);
    private final AwsAlbReader passthrough = new AwsAlbReader(HeaderNames.DEFAULTS, GATE);

    /** AWS's encoding: "URL-encoded PEM ... with +=/ as safe characters". */
    static String albEncoded(String pem) {
        StringBuilder out = new StringBuilder();
        for (byte b : pem.getBytes(StandardCharsets.US_ASCII)) {
            char c = (char) b;
            if (Character.isLetterOrDigit(c) || "-._~+=/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** As AWS's passthrough example shows it: "=" escaped too ({@code do0g%3D%3D}). */
    static String fullyEncoded(String pem) {
        return albEncoded(pem).replace("=", "%3D").replace("+", "%2B").replace("/", "%2F");
    }

    static FakeRequest trusted() throws Exception {
        return FakeRequest.from(InetAddress.getByName("10.0.0.5"));
    }

    static FakeRequest documented() throws Exception {
        return trusted().header(LEAF, albEncoded(Pki.pem(DOC_LEAF.certificate()))).header(SERIAL, DOC_SERIAL)
                .header(ISSUER, DOC_ISSUER).header(SUBJECT, DOC_SUBJECT).header(VALIDITY, DOC_VALIDITY);
    }

    @Test
    void readWhenVerifyModeDocumentedHeadersThenVerifiedLeafWithEveryField() throws Exception {
        ClientCertificate c = found(verify.read(documented()));

        assertThat(c).isEqualTo(CertificateNormalizer.normalize(List.of(DOC_LEAF.certificate()), CertificateSource.AWS_ALB, true));
        assertThat(c.subjectCN()).isEqualTo("client_.com");
        assertThat(c.issuerCN()).isEqualTo("rootcamtls.com");
        assertThat(c.serialNumber()).isEqualTo(DOC_SERIAL);
        assertThat(c.notBefore()).isEqualTo(Instant.parse("2023-09-21T01:50:17Z"));
        assertThat(c.verified()).isTrue();
    }

    @Test
    void readWhenVerifyModeDocumentedDetailsWithoutLeafThenThoseDetailsOnly() throws Exception {
        ClientCertificate c = found(verify.read(trusted().header(SERIAL, DOC_SERIAL).header(ISSUER, DOC_ISSUER)
                .header(SUBJECT, DOC_SUBJECT).header(VALIDITY, DOC_VALIDITY)));

        assertThat(c.subjectDN()).isEqualTo(DOC_SUBJECT);
        assertThat(c.subjectCN()).isEqualTo("client_.com");
        assertThat(c.issuerDN()).isEqualTo(DOC_ISSUER);
        assertThat(c.issuerCN()).isEqualTo("rootcamtls.com");
        assertThat(c.serialNumber()).isEqualTo(DOC_SERIAL);
        assertThat(c.notBefore()).isEqualTo(Instant.parse("2023-09-21T01:50:17Z"));
        assertThat(c.notAfter()).isEqualTo(Instant.parse("2024-09-20T01:50:17Z"));
        assertThat(c.fingerprint256()).isNull();
        assertThat(c.subjectAltNames()).isEmpty();
        assertThat(c.verified()).isTrue();
    }

    @Test
    void readWhenVerifyModeLeafAloneThenEnough() throws Exception {
        assertThat(found(verify.read(trusted().header(LEAF, albEncoded(Pki.pem(TestPki.SVC_A.certificate()))))).spiffeId())
                .contains("spiffe://acme/svc-a");
    }

    @Test
    void readWhenVerifyModeSerialInLowerCaseOrWithoutLeadingZeroThenSameNumber() throws Exception {
        assertThat(found(verify.read(documented().header(SERIAL, "3a5b1"))).serialNumber()).isEqualTo(DOC_SERIAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {SERIAL + "=03A5B2", ISSUER + "=CN=rootcamtls.com", SUBJECT + "=CN=client_.com,OU=client-3,O=mTLS",
        VALIDITY + "=NotBefore=2023-09-21T01:50:18Z;NotAfter=2024-09-20T01:50:17Z",
        VALIDITY + "=NotBefore=2023-09-21T01:50:17Z;NotAfter=2025-09-20T01:50:17Z"})
    void readWhenADetailDisagreesWithTheLeafThenRefused(String header) throws Exception {
        int eq = header.indexOf('=');

        refused(verify.read(documented().header(header.substring(0, eq), header.substring(eq + 1))),
                RefusalReason.METADATA_MISMATCH);
    }

    @Test
    void readWhenSubjectWrittenOtherwiseButSameNameThenAgrees() throws Exception {
        // X500Principal compares canonical forms: case and spacing of an RFC 2253 string do not matter
        assertThat(found(verify.read(documented().header(SUBJECT, "cn=Client_.com, ou=client-3,o=mTLS,st=washington,c=us"))))
                .isNotNull();
    }

    @Test
    void readWhenPassthroughChainThenUnverifiedAndWholeChain() throws Exception {
        ClientCertificate c = found(passthrough.read(trusted().header(CHAIN, fullyEncoded(Pki.pem(TestPki.SVC_A.chain().toArray())))));

        assertThat(c.chain()).containsExactlyElementsOf(TestPki.SVC_A.chain());
        assertThat(c.subjectCN()).isEqualTo("svc-a");
        assertThat(c.verified()).isFalse();
        assertThat(c.source()).isEqualTo(CertificateSource.AWS_ALB);
    }

    @Test
    void readWhenPassthroughWithSafeCharactersUnescapedThenSameCertificate() throws Exception {
        String pem = Pki.pem(TestPki.SVC_B.chain().toArray());

        assertThat(found(passthrough.read(trusted().header(CHAIN, albEncoded(pem)))))
                .isEqualTo(found(passthrough.read(trusted().header(CHAIN, fullyEncoded(pem)))));
    }

    @Test
    void readWhenVerifyLeafArrivesAtPassthroughListenerThenRefusedNeverVerified() throws Exception {
        // a client's own -Leaf with someone else's certificate, through a listener that verifies nothing
        FakeRequest forged = trusted().header(LEAF, albEncoded(Pki.pem(TestPki.SVC_A.certificate())));

        refused(passthrough.read(forged), RefusalReason.UNEXPECTED_HEADER);
        refused(passthrough.read(forged.header(CHAIN, albEncoded(Pki.pem(TestPki.SVC_B.certificate())))),
                RefusalReason.UNEXPECTED_HEADER);
        refused(passthrough.read(trusted().header(SUBJECT, "CN=admin")), RefusalReason.UNEXPECTED_HEADER);
    }

    @Test
    void readWhenPassthroughHeaderArrivesAtVerifyListenerThenRefused() throws Exception {
        refused(verify.read(documented().header(CHAIN, albEncoded(Pki.pem(TestPki.SVC_A.certificate())))),
                RefusalReason.UNEXPECTED_HEADER);
    }

    @Test
    void readWhenHeadersRenamedThenOnlyTheRenamedAreRead() throws Exception {
        AwsAlbHeaders renamed = new AwsAlbHeaders(AwsAlbHeaders.Mode.VERIFY, "X-Chain", "X-Leaf", "X-Serial", "X-Issuer",
                "X-Subject", "X-Validity");
        AwsAlbReader reader = new AwsAlbReader(HeaderNames.DEFAULTS.withAwsAlb(renamed), GATE);
        String leaf = albEncoded(Pki.pem(TestPki.SVC_A.certificate()));

        assertThat(found(reader.read(trusted().header("x-leaf", leaf))).subjectCN()).isEqualTo("svc-a");
        assertThat(reader.read(trusted().header(LEAF, leaf))).isEqualTo(Resolution.Absent.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "-----BEGIN%20CERTIFICATE-----%0AMIIB%0A-----END%20CERTIFICATE-----%0A",
        "-----BEGIN%20CERTIFICATE-----%0AMIIB",
        "MIIBxzCCAW2gAwIBAgIU",
        "%ZZ",
        "-----BEGIN%20CERTIFICATE-----%0A%E9%0A-----END%20CERTIFICATE-----",
    })
    void readWhenCertificateHeaderMalformedThenMalformedInEitherMode(String value) throws Exception {
        malformed(passthrough.read(trusted().header(CHAIN, value)));
        malformed(verify.read(trusted().header(LEAF, value)));
    }

    @Test
    void readWhenLeafHoldsAChainThenMalformed() throws Exception {
        malformed(verify.read(trusted().header(LEAF, albEncoded(Pki.pem(TestPki.SVC_A.chain().toArray())))));
    }

    @Test
    void readWhenPemHasTrailingGarbageThenMalformed() throws Exception {
        malformed(passthrough.read(trusted().header(CHAIN, albEncoded(Pki.pem(TestPki.SVC_A.certificate()) + "junk"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        SERIAL + "=0x03A5B1", SERIAL + "=03:A5:B1", SERIAL + "=", SERIAL + "=GG", SERIAL + "=-1",
        ISSUER + "=not a dn", ISSUER + "=CN", SUBJECT + "=CN=a,,O=b", SUBJECT + "==x",
        VALIDITY + "=NotBefore=2023-09-21T01:50:17Z", VALIDITY + "=NotAfter=2024-09-20T01:50:17Z;NotBefore=2023-09-21T01:50:17Z",
        VALIDITY + "=NotBefore=2023-09-21;NotAfter=2024-09-20", VALIDITY + "=NotBefore=yesterday;NotAfter=tomorrow",
        VALIDITY + "=NotBefore=2023-09-21T01:50:17Z;NotAfter=2024-09-20T01:50:17Z;Extra=1",
        // a raw control character: never written by the load balancer, it would split a log line or a name
        SUBJECT + "=CN=client_.com\r\nX-Evil: 1,OU=client-3,O=mTLS,ST=Washington,C=US", ISSUER + "=CN=rootcamtls\u0000.com,OU=rootCA,O=mTLS,L=Seattle,ST=Washington,C=US",
        VALIDITY + "=\u0001NotBefore=2023-09-21T01:50:17Z;NotAfter=2024-09-20T01:50:17Z",
        VALIDITY + "=NotBefore=2023-09-21T01:50:17Z\u0000;NotAfter=2024-09-20T01:50:17Z",
    })
    void readWhenDetailMalformedThenMalformedWithOrWithoutLeaf(String header) throws Exception {
        int eq = header.indexOf('=');
        String name = header.substring(0, eq);
        String value = header.substring(eq + 1);

        malformed(verify.read(documented().header(name, value)));
        malformed(verify.read(trusted().header(SUBJECT, DOC_SUBJECT).header(name, value)));
    }

    @Test
    void readWhenDetailsWithoutLeafOrSubjectThenMalformed() throws Exception {
        malformed(verify.read(trusted().header(SERIAL, DOC_SERIAL).header(VALIDITY, DOC_VALIDITY)));
    }

    /**
     * An empty subject without the leaf describes no certificate: no usable certificate (401), as an
     * empty value of every other forwarded header is, never a certificate refused for want of a name (403).
     */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t \t"})
    void readWhenDetailsWithoutLeafHaveAnEmptySubjectThenMalformed(String empty) throws Exception {
        malformed(verify.read(trusted().header(SUBJECT, empty)));
        malformed(verify.read(trusted().header(SUBJECT, empty).header(ISSUER, DOC_ISSUER).header(SERIAL, DOC_SERIAL)
                .header(VALIDITY, DOC_VALIDITY)));
    }

    @ParameterizedTest
    @ValueSource(strings = {LEAF, SERIAL, ISSUER, SUBJECT, VALIDITY})
    void readWhenVerifyHeaderSentTwiceThenRefused(String header) throws Exception {
        refused(verify.read(documented().header(header, "a", "b")), RefusalReason.DUPLICATE_HEADER);
    }

    @Test
    void readWhenPassthroughHeaderSentTwiceThenRefused() throws Exception {
        String pem = albEncoded(Pki.pem(TestPki.SVC_A.certificate()));

        refused(passthrough.read(trusted().header(CHAIN, pem, pem)), RefusalReason.DUPLICATE_HEADER);
    }

    @Test
    void readWhenOversizeThenOversizeUnparsed() throws Exception {
        ProxyGate small = new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8")), 200);

        Resolutions.unusable(new AwsAlbReader(VERIFY, small).read(documented()), MissingReason.OVERSIZE);
        Resolutions.unusable(new AwsAlbReader(HeaderNames.DEFAULTS, small).read(trusted().header(CHAIN,
                albEncoded(Pki.pem(TestPki.SVC_A.certificate())))), MissingReason.OVERSIZE);
    }

    @ParameterizedTest
    @ValueSource(strings = {CHAIN, LEAF, SERIAL, ISSUER, SUBJECT, VALIDITY})
    void readWhenUntrustedPeerSendsAnyHeaderThenIgnoredUnparsedInBothModes(String header) throws Exception {
        FakeRequest spoofed = FakeRequest.from(InetAddress.getByName("203.0.113.7")).header(header, "%ZZ garbage");

        assertThat(verify.read(spoofed)).isEqualTo(Resolution.Absent.UNTRUSTED);
        assertThat(passthrough.read(spoofed)).isEqualTo(Resolution.Absent.UNTRUSTED);
    }

    @Test
    void readWhenUntrustedPeerForgesDocumentedHeadersThenIgnored() throws Exception {
        FakeRequest forged = FakeRequest.from(InetAddress.getByName("::ffff:192.0.2.4"))
                .header(LEAF, albEncoded(Pki.pem(DOC_LEAF.certificate()))).header(SUBJECT, DOC_SUBJECT);

        assertThat(verify.read(forged)).isEqualTo(Resolution.Absent.UNTRUSTED);
    }

    @Test
    void readWhenSameHeadersAgainThenCachedPerMode() throws Exception {
        AwsAlbReader cached = new AwsAlbReader(VERIFY, GATE, CertificateCache.CacheSettings.DEFAULTS);
        AwsAlbReader cachedPassthrough = new AwsAlbReader(HeaderNames.DEFAULTS, GATE, CertificateCache.CacheSettings.DEFAULTS);
        String chain = albEncoded(Pki.pem(TestPki.SVC_A.chain().toArray()));

        FakeRequest svcA = trusted().header(LEAF, albEncoded(Pki.pem(TestPki.SVC_A.certificate())));

        assertThat(found(cached.read(svcA))).isSameAs(found(cached.read(svcA)));
        // the documented certificate expired in 2024: never cached past its notAfter
        assertThat(found(cached.read(documented()))).isNotSameAs(found(cached.read(documented())));
        assertThat(found(cachedPassthrough.read(trusted().header(CHAIN, chain))))
                .isSameAs(found(cachedPassthrough.read(trusted().header(CHAIN, chain))));
        refused(cached.read(documented().header(SERIAL, "01")), RefusalReason.METADATA_MISMATCH);
    }

    @Test
    void readWhenNoAlbHeaderThenAbsent() throws Exception {
        assertThat(verify.read(trusted().header("X-SSL-Client-Cert", "x"))).isEqualTo(Resolution.Absent.NONE);
        assertThat(passthrough.read(trusted())).isEqualTo(Resolution.Absent.NONE);
    }

    @Test
    void readWhenRandomValuesThenNeverThrows() throws Exception {
        java.util.Random random = new java.util.Random(5);
        String alphabet = "-BEGIN CERTIFICATE%0a2AZ09+/=;NotBefore=2023-09-21T01:50:17Z,CN=";
        for (int i = 0; i < 3_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(60); j > 0; j--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = s.toString();
            assertThat(passthrough.read(trusted().header(CHAIN, value))).isNotInstanceOf(Resolution.Found.class);
            assertThat(verify.read(trusted().header(LEAF, value))).isNotInstanceOf(Resolution.Found.class);
            assertThat(verify.read(trusted().header(SUBJECT, DOC_SUBJECT).header(VALIDITY, value))).isNotNull();
            assertThat(verify.read(trusted().header(SUBJECT, value))).isNotNull();
        }
    }
}
