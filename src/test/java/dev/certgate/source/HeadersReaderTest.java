package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import dev.certgate.demo.Pki;
import dev.certgate.policy.AllowList;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** nginx, HAProxy and Apache forms of the headers source, over real certificates. */
class HeadersReaderTest {

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of("127.0.0.1/32", "10.0.0.0/8")), 32768);
    private final HeadersReader reader = new HeadersReader(HeaderNames.DEFAULTS, GATE);

    /** nginx's $ssl_client_escaped_cert: PEM with everything but unreserved characters escaped. */
    static String nginxEscaped(Pki.Issued issued) {
        StringBuilder out = new StringBuilder();
        for (char c : Pki.pem(issued.certificate()).toCharArray()) {
            if (Character.isLetterOrDigit(c) || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    /** HAProxy's %[ssl_c_der,base64]. */
    static String haproxyDer(Pki.Issued issued) throws Exception {
        return Base64.getEncoder().encodeToString(issued.certificate().getEncoded());
    }

    /** Apache's %{SSL_CLIENT_CERT}s through RequestHeader: line breaks become spaces. */
    static String apachePem(Pki.Issued issued) {
        return Pki.pem(issued.certificate()).replace("\r\n", " ").replace("\n", " ").trim();
    }

    /**
     * The exact value Apache 2.4 sends for {@code RequestHeader set X-SSL-Client-Cert
     * "%{SSL_CLIENT_CERT}s"} (seen on the wire behind real Apache 2.4.71): mod_headers'
     * {@code unwrap_header} turns each CR and LF of mod_ssl's PEM (64-column base64, one LF per
     * line) into one space, so the value ends in a space before the header's CRLF.
     */
    static String apacheWire(Pki.Issued issued) {
        StringBuilder pem = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
        String base64 = Base64.getEncoder().encodeToString(der(issued));
        for (int at = 0; at < base64.length(); at += 64) {
            pem.append(base64, at, Math.min(base64.length(), at + 64)).append('\n');
        }
        return pem.append("-----END CERTIFICATE-----\n").toString().replace('\n', ' ');
    }

    static byte[] der(Pki.Issued issued) {
        try {
            return issued.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static FakeRequest proxy() throws Exception {
        return FakeRequest.from(InetAddress.getByName("127.0.0.1"));
    }

    static ClientCertificate found(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Found.class);
        return ((Resolution.Found) resolution).certificate();
    }

    @Test
    void readWhenNginxEscapedCertAndSuccessThenVerifiedCertificate() throws Exception {
        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-Cert", nginxEscaped(TestPki.SVC_A))
                .header("X-SSL-Client-Verify", "SUCCESS")));

        assertThat(c).isEqualTo(CertificateNormalizer.normalize(List.of(TestPki.SVC_A.certificate()), CertificateSource.HEADERS, true));
    }

    @Test
    void readWhenHaproxyBase64DerAndVerifyZeroConfiguredThenVerified() throws Exception {
        HeaderNames haproxy = new HeaderNames("x-forwarded-client-cert", HeaderNames.XfccElement.LAST, "X-SSL-Client-Cert",
                "X-SSL-Client-Verify", "0", "X-SSL-Client-S-DN", "X-SSL-Client-I-DN", "X-SSL-Client-Fingerprint");
        // HAProxy lower-cases header names
        FakeRequest request = proxy().header("x-ssl-client-cert", haproxyDer(TestPki.SVC_B)).header("x-ssl-client-verify", "0");

        ClientCertificate c = found(new HeadersReader(haproxy, GATE).read(request));

        assertThat(c.subjectCN()).isEqualTo("svc-b");
        assertThat(c.verified()).isTrue();
    }

    @Test
    void readWhenApachePemWithSpacesThenParsed() throws Exception {
        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-Cert", apachePem(TestPki.SVC_A))));

        assertThat(c.fingerprint256()).isEqualTo(CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate()));
    }

    @Test
    void readWhenApacheWireValueWithTrailingSpaceAndSuccessThenVerifiedCertificate() throws Exception {
        String wire = apacheWire(TestPki.SVC_A);

        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-Cert", wire).header("X-SSL-Client-Verify", "SUCCESS")));

        assertThat(wire).startsWith("-----BEGIN CERTIFICATE----- MII").endsWith("-----END CERTIFICATE----- ").doesNotContain("\n");
        assertThat(c).isEqualTo(CertificateNormalizer.normalize(List.of(TestPki.SVC_A.certificate()), CertificateSource.HEADERS, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"NONE", "GENEROUS", "FAILED:unable to get local issuer certificate"})
    void readWhenApacheVerifyIsNotSuccessThenUnverified(String verify) throws Exception {
        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-Cert", apacheWire(TestPki.SVC_A))
                .header("X-SSL-Client-Verify", verify)));

        assertThat(c.verified()).isFalse();
    }

    /** Apache under SSLVerifyClient optional, for a client without a certificate: mod_headers writes (null). */
    @ParameterizedTest
    @ValueSource(strings = {"(null)", " (null) "})
    void readWhenApacheSendsNullForNoCertificateThenNoCertificate(String value) throws Exception {
        assertThat(reader.read(proxy().header("X-SSL-Client-Cert", value).header("X-SSL-Client-Verify", "NONE")))
                .isEqualTo(Resolution.Absent.NONE);
        assertThat(reader.read(proxy().header("X-SSL-Client-Cert", value).header("X-SSL-Client-Verify", "NONE")
                .header("X-SSL-Client-S-DN", "(null)").header("X-SSL-Client-I-DN", "(null)")
                .header("X-SSL-Client-Fingerprint", "(null)"))).isEqualTo(Resolution.Absent.NONE);
    }

    @Test
    void readWhenApacheSendsNullForIssuerAndFingerprintThenSubjectAloneDescribesTheClient() throws Exception {
        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-Cert", "(null)")
                .header("X-SSL-Client-S-DN", "CN=svc-a,O=Acme").header("X-SSL-Client-I-DN", "(null)")
                .header("X-SSL-Client-Fingerprint", "(null)").header("X-SSL-Client-Verify", "SUCCESS")));

        assertThat(c.subjectCN()).isEqualTo("svc-a");
        assertThat(c.issuerDN()).isNull();
        assertThat(c.fingerprint256()).isNull();
    }

    @Test
    void readWhenPlainPemChainThenLeafFirst() throws Exception {
        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-Cert", Pki.pem(TestPki.SVC_A.chain()))));

        assertThat(c.chain()).containsExactlyElementsOf(TestPki.SVC_A.chain());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"NONE", "FAILED:certificate has expired", "success", "' SUCCESS '|true"})
    void readWhenVerifyHeaderIsNotExactlySuccessThenUnverified(String verify) throws Exception {
        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-Cert", nginxEscaped(TestPki.SVC_A))
                .header("X-SSL-Client-Verify", verify)));

        assertThat(c.verified()).isEqualTo(verify.trim().equals("SUCCESS"));
    }

    @Test
    void readWhenNoVerifyHeaderThenUnverified() throws Exception {
        assertThat(found(reader.read(proxy().header("X-SSL-Client-Cert", haproxyDer(TestPki.SVC_A)))).verified()).isFalse();
    }

    @Test
    void readWhenSameCertVerifiedThenUnverifiedThenEachAnswerKeepsItsOwnFlag() throws Exception {
        HeadersReader cached = new HeadersReader(HeaderNames.DEFAULTS, GATE, CertificateCache.CacheSettings.DEFAULTS);
        String cert = haproxyDer(TestPki.SVC_A);

        assertThat(found(cached.read(proxy().header("X-SSL-Client-Cert", cert).header("X-SSL-Client-Verify", "SUCCESS"))).verified()).isTrue();
        assertThat(found(cached.read(proxy().header("X-SSL-Client-Cert", cert))).verified()).isFalse();
        assertThat(found(cached.read(proxy().header("X-SSL-Client-Cert", cert).header("X-SSL-Client-Verify", "SUCCESS"))).verified()).isTrue();
    }

    @Test
    void readWhenDnOnlyWithEscapedUtf8ThenNamesDecodedAndNoFingerprint() throws Exception {
        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-S-DN", "CN=J\\C3\\BCrgen,O=Acme")
                .header("X-SSL-Client-I-DN", "CN=acme-issuing,O=Acme").header("X-SSL-Client-Verify", "SUCCESS")));

        assertThat(c.subjectCN()).isEqualTo("J\u00fcrgen");
        assertThat(c.subjectDN()).isEqualTo("CN=J\u00fcrgen,O=Acme");
        assertThat(c.issuerCN()).isEqualTo("acme-issuing");
        assertThat(c.fingerprint256()).isNull();
        assertThat(c.certificate()).isNull();
        assertThat(c.verified()).isTrue();
    }

    /**
     * nginx's {@code $ssl_client_s_dn} (OpenSSL's RFC 2253 text: UTF-8 bytes over 127 as {@code \\XX},
     * a multi-valued RDN's values reversed, as {@code openssl x509 -nameopt RFC2253} prints them) names
     * the certificate as the certificate header does.
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "CN=a+UID=b,O=Acme        | UID=b+CN=a,O=Acme",
        "CN=J\u00fcrgen,O=Acme     | CN=J\\C3\\BCrgen,O=Acme",
    })
    void readWhenDnOnlyAsNginxWritesItThenTheNamesTheCertificateHeaderGives(String bcSubject, String nginxDn) throws Exception {
        Pki.Issued leaf = TestPki.client(bcSubject).build();
        ClientCertificate fromCert = found(reader.read(proxy().header("X-SSL-Client-Cert", nginxEscaped(leaf))
                .header("X-SSL-Client-Verify", "SUCCESS")));

        ClientCertificate fromDn = found(reader.read(proxy().header("X-SSL-Client-S-DN", nginxDn)
                .header("X-SSL-Client-I-DN", "CN=acme-issuing,O=Acme").header("X-SSL-Client-Verify", "SUCCESS")));

        assertThat(fromDn.subjectDN()).isEqualTo(fromCert.subjectDN());
        assertThat(fromDn.subjectCN()).isEqualTo(fromCert.subjectCN());
        assertThat(fromDn.issuerDN()).isEqualTo(fromCert.issuerDN());
    }

    @Test
    void readWhenBmpStringCertificateThenItsDnHeaderFormNamesTheSameCaller() throws Exception {
        Pki.Issued leaf = TestPki.client("CN=unused").subject(new X500Name(new RDN[] {
            new RDN(BCStyle.O, new DERUTF8String("Acme")), new RDN(BCStyle.CN, new DERBMPString("bmp-\u00fc\u20ac"))})).build();
        ClientCertificate fromCert = found(reader.read(proxy().header("X-SSL-Client-Cert", haproxyDer(leaf))
                .header("X-SSL-Client-Verify", "SUCCESS")));

        // openssl x509 -nameopt RFC2253 (and so nginx) renders the BMPString as UTF-8, escaped
        ClientCertificate fromDn = found(reader.read(proxy().header("X-SSL-Client-S-DN", "CN=bmp-\\C3\\BC\\E2\\82\\AC,O=Acme")
                .header("X-SSL-Client-Verify", "SUCCESS")));

        assertThat(fromCert.subjectCN()).isEqualTo("bmp-\u00fc\u20ac").isEqualTo(fromDn.subjectCN());
        assertThat(fromCert.subjectDN()).isEqualTo(fromDn.subjectDN());
    }

    @Test
    void readWhenDnOnlyWithCommaInCnThenOneRdn() throws Exception {
        assertThat(found(reader.read(proxy().header("X-SSL-Client-S-DN", "CN=evil\\,CN=admin,O=x"))).subjectCN())
                .isEqualTo("evil,CN=admin");
    }

    @Test
    void readWhenFingerprintHeaderIsSha1ThenItCanNeverSatisfyAnAllowList() throws Exception {
        byte[] der = TestPki.SVC_A.certificate().getEncoded();
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        String sha256 = CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate());

        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-S-DN", "CN=svc-a")
                .header("X-SSL-Client-Fingerprint", sha1)));

        assertThat(c.fingerprint256()).isNull();
        assertThat(AllowList.builder().fingerprints(List.of(sha256)).build().matches(c)).isFalse();
        assertThat(AllowList.builder().fingerprints(List.of((sha1 + "000000000000000000000000").toUpperCase())).build().matches(c)).isFalse();
    }

    @Test
    void readWhenFingerprintHeaderIsSha256WithColonsThenUsed() throws Exception {
        String sha256 = CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate());
        String colons = String.join(":", sha256.toLowerCase().split("(?<=\\G..)"));

        assertThat(found(reader.read(proxy().header("X-SSL-Client-S-DN", "CN=svc-a")
                .header("X-SSL-Client-Fingerprint", colons))).fingerprint256()).isEqualTo(sha256);
    }

    @ParameterizedTest(name = "control character {index}")
    @ValueSource(strings = {"\u0001", "\u0000", "\r", "\n", "\u000b", "\u001f", "\u007f"})
    void readWhenFingerprintHeaderEndsInAControlCharacterThenItIsNoFingerprint(String control) throws Exception {
        String sha256 = CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate());

        assertThat(found(reader.read(proxy().header("X-SSL-Client-S-DN", "CN=svc-a")
                .header("X-SSL-Client-Fingerprint", sha256 + control))).fingerprint256()).isNull();
        assertThat(found(reader.read(proxy().header("X-SSL-Client-S-DN", "CN=svc-a")
                .header("X-SSL-Client-Fingerprint", control + sha256))).fingerprint256()).isNull();
    }

    @ParameterizedTest(name = "control character {index}")
    @ValueSource(strings = {"\u0001", "\u0000", "\r", "\n", "\u001f"})
    void readWhenDnHeaderEndsInAControlCharacterThenMalformed(String control) throws Exception {
        assertThat(reader.read(proxy().header("X-SSL-Client-S-DN", "CN=svc-a" + control)))
                .isInstanceOf(Resolution.Malformed.class);
        assertThat(reader.read(proxy().header("X-SSL-Client-S-DN", control + "CN=svc-a")))
                .isInstanceOf(Resolution.Malformed.class);
    }

    @ParameterizedTest(name = "verify value {index}")
    @ValueSource(strings = {"SUCCESS\u0001", "\u0000SUCCESS", "SUCCESS\r", "SUCCESS\u000b"})
    void readWhenVerifyHeaderHasAControlCharacterThenUnverified(String verify) throws Exception {
        assertThat(found(reader.read(proxy().header("X-SSL-Client-Cert", nginxEscaped(TestPki.SVC_A))
                .header("X-SSL-Client-Verify", verify))).verified()).isFalse();
    }

    @Test
    void readWhenValuesHaveSpacesAndTabsAroundThemThenTheyAreTrimmed() throws Exception {
        String sha256 = CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate());

        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-S-DN", " \tCN=svc-a\t ")
                .header("X-SSL-Client-Fingerprint", "\t" + sha256 + " ").header("X-SSL-Client-Verify", "\tSUCCESS ")));

        assertThat(c.subjectCN()).isEqualTo("svc-a");
        assertThat(c.fingerprint256()).isEqualTo(sha256);
        assertThat(c.verified()).isTrue();
    }

    @Test
    void readWhenCertPresentThenDnAndFingerprintHeadersIgnored() throws Exception {
        ClientCertificate c = found(reader.read(proxy().header("X-SSL-Client-Cert", haproxyDer(TestPki.SVC_A))
                .header("X-SSL-Client-S-DN", "CN=admin").header("X-SSL-Client-Fingerprint", "00".repeat(32))));

        assertThat(c.subjectCN()).isEqualTo("svc-a");
        assertThat(c.fingerprint256()).isEqualTo(CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void readWhenCertHeaderEmptyAndNoDnThenNoCertificate(String value) throws Exception {
        assertThat(reader.read(proxy().header("X-SSL-Client-Cert", value).header("X-SSL-Client-Verify", "NONE")))
                .isEqualTo(Resolution.Absent.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-----BEGIN%20CERTIFICATE-----%0AMIIB%ZZ",
        "-----BEGIN%20CERTIFICATE-----%0AAAAA%0A-----END%20CERTIFICATE-----%0A",
        "-----BEGIN CERTIFICATE----- MIIB",
        "-----BEGIN CERTIFICATE----- !!!! -----END CERTIFICATE-----",
        "%41%42",
        "not base64 at all!",
        "AAAA",
        "(nul)",
        "(null) (null)",
    })
    void readWhenCertHeaderMalformedThenMalformed(String value) throws Exception {
        assertThat(reader.read(proxy().header("X-SSL-Client-Cert", value))).isInstanceOfSatisfying(Resolution.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo(MissingReason.MALFORMED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a dn", "CN", "=x", "CN=a,,O=b"})
    void readWhenDnHeaderMalformedThenMalformed(String dn) throws Exception {
        assertThat(reader.read(proxy().header("X-SSL-Client-S-DN", dn))).isInstanceOf(Resolution.Malformed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN=svc-a\r\nX-Evil: 1,O=Acme", "CN=svc-a\u0000,O=Acme", "CN=svc-a\u007f", "CN=a\tb"})
    void readWhenDnHeaderHoldsRawControlCharacterThenMalformed(String dn) throws Exception {
        assertThat(reader.read(proxy().header("X-SSL-Client-S-DN", dn))).isInstanceOf(Resolution.Malformed.class);
        assertThat(reader.read(proxy().header("X-SSL-Client-S-DN", "CN=svc-a").header("X-SSL-Client-I-DN", dn)))
                .isInstanceOf(Resolution.Malformed.class);
    }

    @Test
    void readWhenUntrustedPeerSendsAllHeadersThenIgnoredUnparsed() throws Exception {
        FakeRequest spoofed = FakeRequest.from(InetAddress.getByName("192.0.2.9"))
                .header("X-SSL-Client-Cert", "garbage").header("X-SSL-Client-Verify", "SUCCESS")
                .header("X-SSL-Client-S-DN", "CN=admin");

        assertThat(reader.read(spoofed)).isEqualTo(Resolution.Absent.UNTRUSTED);
    }

    @Test
    void readWhenOnlyVerifyHeaderThenNothingToRead() throws Exception {
        assertThat(reader.read(FakeRequest.from(InetAddress.getByName("192.0.2.9")).header("X-SSL-Client-Verify", "SUCCESS")))
                .isEqualTo(Resolution.Absent.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-SSL-Client-Cert", "X-SSL-Client-Verify", "X-SSL-Client-S-DN"})
    void readWhenAnyHeaderSentTwiceThenRefused(String header) throws Exception {
        FakeRequest request = proxy().header("X-SSL-Client-Cert", haproxyDer(TestPki.SVC_A))
                .header("X-SSL-Client-S-DN", "CN=svc-a").header(header, "one", "two");
        if (header.equals("X-SSL-Client-S-DN")) {
            request = proxy().header(header, "CN=a", "CN=b");
        }

        assertThat(reader.read(request)).isInstanceOfSatisfying(Resolution.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RefusalReason.DUPLICATE_HEADER));
    }

    @Test
    void readWhenOversizeThenOversizeUnparsed() throws Exception {
        HeadersReader small = new HeadersReader(HeaderNames.DEFAULTS, new ProxyGate(TrustedProxies.parse(List.of("127.0.0.1")), 128));

        assertThat(small.read(proxy().header("X-SSL-Client-Cert", nginxEscaped(TestPki.SVC_A))))
                .isInstanceOfSatisfying(Resolution.Malformed.class, m -> assertThat(m.reason()).isEqualTo(MissingReason.OVERSIZE));
    }

    @Test
    void readWhenRandomValuesThenNeverThrows() throws Exception {
        java.util.Random random = new java.util.Random(11);
        String alphabet = "-BEGIN CERTIFICATE%0aAZ09+/=\\,CN=";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(50); j > 0; j--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(reader.read(proxy().header("X-SSL-Client-Cert", s.toString()))).isNotNull();
            assertThat(reader.read(proxy().header("X-SSL-Client-S-DN", s.toString()))).isNotNull();
        }
    }
}
