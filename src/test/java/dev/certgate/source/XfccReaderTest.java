package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import dev.certgate.demo.Pki;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The xfcc source over real certificates, as Envoy encodes them; trusted and untrusted peers. */
class XfccReaderTest {

    static final String HEADER = "x-forwarded-client-cert";
    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8")), 32768);
    private final XfccReader reader = new XfccReader(HeaderNames.DEFAULTS, GATE);

    /** Envoy's URL encoding of PEM: every byte but unreserved characters percent-encoded. */
    static String envoyEncode(String pem) {
        StringBuilder out = new StringBuilder();
        for (byte b : pem.getBytes(StandardCharsets.US_ASCII)) {
            char c = (char) b;
            if (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02x", b & 0xff));
            }
        }
        return out.toString();
    }

    static String cert(Pki.Issued issued) {
        return "Cert=\"" + envoyEncode(Pki.pem(issued.certificate())) + "\"";
    }

    static String hash(Pki.Issued issued) {
        return "Hash=" + CertificateNormalizer.fingerprint256(issued.certificate()).toLowerCase(Locale.ROOT);
    }

    static FakeRequest trusted(String... values) throws Exception {
        return FakeRequest.from(InetAddress.getByName("10.1.2.3")).header(HEADER, values);
    }

    static ClientCertificate found(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Found.class);
        return ((Resolution.Found) resolution).certificate();
    }

    @Test
    void readWhenCertThenEveryFieldAsTheNormalizerMakesIt() throws Exception {
        ClientCertificate c = found(reader.read(trusted("By=spiffe://acme/envoy;" + hash(TestPki.SVC_A) + ";" + cert(TestPki.SVC_A)
                + ";Subject=\"CN=svc-a,OU=payments,O=Acme\";URI=spiffe://acme/svc-a")));

        ClientCertificate expected = CertificateNormalizer.normalize(List.of(TestPki.SVC_A.certificate()), CertificateSource.XFCC, true);
        assertThat(c).isEqualTo(expected);
        assertThat(c.verified()).isTrue();
        assertThat(c.subjectAltNames()).contains("URI:spiffe://acme/svc-a", "DNS:svc-a.acme.internal");
    }

    @Test
    void readWhenCertAndChainThenChainFollowsTheLeafOnce() throws Exception {
        String chain = "Chain=\"" + envoyEncode(Pki.pem(TestPki.SVC_A.chain())) + "\"";

        ClientCertificate c = found(reader.read(trusted(cert(TestPki.SVC_A) + ";" + chain)));

        assertThat(c.chain()).containsExactlyElementsOf(TestPki.SVC_A.chain());
    }

    @Test
    void readWhenOnlyChainThenMalformedAsNeitherHashNorCert() throws Exception {
        Resolution resolution = reader.read(trusted("Chain=\"" + envoyEncode(Pki.pem(TestPki.SVC_B.chain())) + "\""));

        assertThat(resolution).isInstanceOfSatisfying(Resolution.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo(MissingReason.MALFORMED));
    }

    @Test
    void readWhenHashAndChainWithoutCertThenChainsFirstCertificateHeldToTheHash() throws Exception {
        String chain = "Chain=\"" + envoyEncode(Pki.pem(TestPki.SVC_B.chain())) + "\"";

        assertThat(found(reader.read(trusted(hash(TestPki.SVC_B) + ";" + chain))).subjectCN()).isEqualTo("svc-b");
        assertThat(reader.read(trusted(hash(TestPki.SVC_A) + ";" + chain))).isInstanceOfSatisfying(Resolution.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RefusalReason.HASH_MISMATCH));
    }

    @Test
    void readWhenHashAgreesInUpperCaseThenFound() throws Exception {
        String upper = "Hash=" + CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate());

        assertThat(found(reader.read(trusted(upper + ";" + cert(TestPki.SVC_A)))).subjectCN()).isEqualTo("svc-a");
    }

    @Test
    void readWhenHashDisagreesWithCertThenRefused() throws Exception {
        Resolution resolution = reader.read(trusted(hash(TestPki.SVC_A) + ";" + cert(TestPki.SVC_B)));

        assertThat(resolution).isInstanceOfSatisfying(Resolution.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RefusalReason.HASH_MISMATCH));
    }

    @Test
    void readWhenHashOnlyThenFingerprintSubjectAndSansAsSent() throws Exception {
        ClientCertificate c = found(reader.read(trusted(hash(TestPki.SVC_A)
                + ";Subject=\"CN=svc\\,a,O=Acme\";URI=spiffe://acme/svc-a;DNS=svc-a.acme.internal")));

        assertThat(c.fingerprint256()).isEqualTo(CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate()));
        assertThat(c.subjectDN()).isEqualTo("CN=svc\\,a,O=Acme");
        assertThat(c.subjectCN()).isEqualTo("svc,a");
        assertThat(c.subjectAltNames()).containsExactly("URI:spiffe://acme/svc-a", "DNS:svc-a.acme.internal");
        assertThat(c.spiffeId()).contains("spiffe://acme/svc-a");
        assertThat(c.verified()).isTrue();
        assertThat(c.certificate()).isNull();
        assertThat(c.notAfter()).isNull();
    }

    /**
     * A hash-only element's {@code Subject} becomes the RFC 2253 DN every other source gives
     * (Envoy sends RFC 2253; its documentation's example is OpenSSL's one-line {@code /C=US/…/CN=…}
     * form, most specific last); anything that is no DN is malformed, as a {@code headers} DN is.
     * A multi-valued RDN, which OpenSSL's RFC 2253 text lists reversed, is in the certificate's DER order.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            CN=svc-a,O=Acme                                    | CN=svc-a,O=Acme                                  | svc-a
            cn=svc-a, o=Acme                                   | CN=svc-a,O=Acme                                  | svc-a
            /C=US/ST=CA/L=San Francisco/OU=Lyft/CN=Test Client | CN=Test Client,OU=Lyft,L=San Francisco,ST=CA,C=US | Test Client
            /O=Acme, Inc./CN=svc-a                             | CN=svc-a,O=Acme\\, Inc.                          | svc-a
            /CN=admin/CN=evil                                  | CN=evil,CN=admin                                 | evil
            UID=b+CN=a,O=Acme                                  | CN=a+UID=b,O=Acme                                | a
            """)
    void readWhenHashOnlySubjectIsADnThenItsRfc2253Form(String sent, String subjectDn, String subjectCn)
            throws Exception {
        ClientCertificate c = found(reader.read(trusted(hash(TestPki.SVC_A) + ";Subject=\"" + sent + "\"")));

        assertThat(c.subjectDN()).isEqualTo(subjectDn);
        assertThat(c.subjectCN()).isEqualTo(subjectCn);
    }

    @ParameterizedTest(name = "Subject={0}")
    @ValueSource(strings = {"garbage", "svc-a", "/CN=a/b", "/", "/=x", "CN", "/CN=a//O=b"})
    void readWhenHashOnlySubjectIsNoDnThen401Malformed(String sent) throws Exception {
        assertThat(reader.read(trusted(hash(TestPki.SVC_A) + ";Subject=\"" + sent + "\";URI=spiffe://acme/svc-a")))
                .isInstanceOfSatisfying(Resolution.Malformed.class,
                        m -> assertThat(m.reason()).isEqualTo(MissingReason.MALFORMED));
    }

    @Test
    void readWhenHashOnlyWithoutSubjectThenEmptySubject() throws Exception {
        ClientCertificate c = found(reader.read(trusted(hash(TestPki.SVC_A))));

        assertThat(c.subjectDN()).isEmpty();
        assertThat(c.subjectCN()).isNull();
    }

    @Test
    void readWhenSeveralElementsThenLastByDefaultOrFirstWhenConfigured() throws Exception {
        String header = cert(TestPki.SVC_B) + "," + cert(TestPki.SVC_A);
        HeaderNames first = new HeaderNames(HEADER, HeaderNames.XfccElement.FIRST, "c", "v", "SUCCESS", "s", "i", "f");

        assertThat(found(reader.read(trusted(header))).subjectCN()).isEqualTo("svc-a");
        assertThat(found(new XfccReader(first, GATE).read(trusted(header))).subjectCN()).isEqualTo("svc-b");
    }

    @Test
    void readWhenHeaderNameConfiguredThenThatHeaderIsRead() throws Exception {
        HeaderNames custom = new HeaderNames("x-client-cert-details", HeaderNames.XfccElement.LAST, "c", "v", "SUCCESS", "s", "i", "f");
        FakeRequest request = FakeRequest.from(InetAddress.getByName("10.0.0.9")).header("X-Client-Cert-Details", cert(TestPki.SVC_A));

        assertThat(found(new XfccReader(custom, GATE).read(request)).subjectCN()).isEqualTo("svc-a");
        assertThat(reader.read(request)).isEqualTo(Resolution.Absent.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "Hash=zz", "Subject=\"unterminated"})
    void readWhenUntrustedPeerThenIgnoredUnparsedWhateverItSays(String value) throws Exception {
        FakeRequest untrusted = FakeRequest.from(InetAddress.getByName("192.0.2.1")).header(HEADER, value);

        assertThat(reader.read(untrusted)).isEqualTo(Resolution.Absent.UNTRUSTED);
        assertThat(reader.read(FakeRequest.from(InetAddress.getByName("192.0.2.1"))
                .header(HEADER, cert(TestPki.SVC_A)))).isEqualTo(Resolution.Absent.UNTRUSTED);
    }

    @Test
    void readWhenNoHeaderThenAbsent() throws Exception {
        assertThat(reader.read(FakeRequest.from(InetAddress.getByName("10.0.0.1")))).isEqualTo(Resolution.Absent.NONE);
    }

    @Test
    void readWhenHeaderSentTwiceThenRefused() throws Exception {
        assertThat(reader.read(trusted(cert(TestPki.SVC_A), cert(TestPki.SVC_B))))
                .isInstanceOfSatisfying(Resolution.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RefusalReason.DUPLICATE_HEADER));
    }

    @Test
    void readWhenOverMaxHeaderBytesThenOversizeUnparsed() throws Exception {
        XfccReader small = new XfccReader(HeaderNames.DEFAULTS, new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8")), 100));

        assertThat(small.read(trusted(cert(TestPki.SVC_A)))).isInstanceOfSatisfying(Resolution.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo(MissingReason.OVERSIZE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "By=spiffe://acme/envoy;URI=spiffe://acme/svc-a",            // neither Hash nor Cert
        "Hash=abc",                                                   // not a SHA-256
        "Hash=468ed33be74eee6556d90c0149c1309e9ba61d6425303443c0748a02dd8de68g",
        "Cert=\"-----BEGIN%20CERTIFICATE-----%0aAAAA%0a-----END%20CERTIFICATE-----\"",
        "Cert=\"-----BEGIN%2CERTIFICATE\"",                           // bad percent-escape
        "Cert=\"%zz\"",
        "Cert=\"-----BEGIN%20CERTIFICATE-----%0aMIIB\"",              // truncated
        "Cert=\"not a certificate\"",
        "Chain=\"\"",
        "Hash=abc;Hash=def",
        "",
    })
    void readWhenMalformedThen401MalformedNeverAnException(String value) throws Exception {
        assertThat(reader.read(trusted(value))).isInstanceOfSatisfying(Resolution.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo(MissingReason.MALFORMED));
    }

    @Test
    void readWhenCertHoldsTwoCertificatesThenMalformed() throws Exception {
        String two = "Cert=\"" + envoyEncode(Pki.pem(TestPki.SVC_A.chain())) + "\"";

        assertThat(reader.read(trusted(two))).isInstanceOf(Resolution.Malformed.class);
    }

    @Test
    void readWhenPercentEncodingLeavesPlusAndSlashThenStillParsed() throws Exception {
        String pem = Pki.pem(TestPki.SVC_A.certificate()).replace(" ", "%20").replace("\n", "%0A");

        assertThat(found(reader.read(trusted("Cert=\"" + pem + "\""))).subjectCN()).isEqualTo("svc-a");
    }

    @Test
    void readWhenCachedThenRepeatedHeaderGivesTheSameCertificate() throws Exception {
        XfccReader cached = new XfccReader(HeaderNames.DEFAULTS, GATE,
                new CertificateCache<>(CertificateCache.CacheSettings.DEFAULTS, Clock.systemUTC()));
        String header = hash(TestPki.SVC_A) + ";" + cert(TestPki.SVC_A);

        assertThat(found(cached.read(trusted(header)))).isSameAs(found(cached.read(trusted(header))));
        assertThat(cached.read(trusted(hash(TestPki.SVC_A) + ";" + cert(TestPki.SVC_B)))).isInstanceOf(Resolution.Refused.class);
    }

    @Test
    void readWhenRandomHeadersThenNeverThrows() throws Exception {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "Hash=CertChainSubjectURIDNS;,\"\\%0aA-_ ";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(60); j > 0; j--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(reader.read(trusted(s.toString()))).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Subject=\"CN=svc-a\u0000,CN=admin\"", "Subject=\"CN=a\r\nX: 1\"", "URI=spiffe://acme/a\u0000b",
            "DNS=a\u001b.example"})
    void readWhenHashOnlyElementHoldsRawControlCharacterThenMalformed(String pair) throws Exception {
        Resolution resolution = reader.read(trusted(hash(TestPki.SVC_A) + ";" + pair));

        assertThat(resolution).isInstanceOf(Resolution.Malformed.class);
    }
}
