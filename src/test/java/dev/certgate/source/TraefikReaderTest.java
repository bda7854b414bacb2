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
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The traefik source over Traefik's documented certificate and header values, and over our own
 * PKI encoded as Traefik 2 and 3 encode it; trusted and untrusted peers; every malformed form.
 */
class TraefikReaderTest {

    static final String CERT = "X-Forwarded-Tls-Client-Cert";
    static final String INFO = "X-Forwarded-Tls-Client-Cert-Info";
    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8")), 32768);
    private final TraefikReader reader = new TraefikReader(HeaderNames.DEFAULTS, GATE);
    private final TraefikReader verifying = new TraefikReader(
            HeaderNames.DEFAULTS.withTraefik(TraefikClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT), GATE);

    /**
     * The certificate Traefik's passTLSClientCert documentation explains every option with (its
     * "complete certificate"), as the {@code pem} option sends it: the base64 between the
     * delimiters, line breaks removed.
     */
    static final String DOCUMENTED_PEM = """
            MIIGWjCCBUKgAwIBAgIBATANBgkqhkiG9w0BAQUFADCCAYQxEzARBgoJkiaJk/Is
            ZAEZFgNvcmcxFjAUBgoJkiaJk/IsZAEZFgZjaGVlc2UxDzANBgNVBAoMBkNoZWVz
            ZTERMA8GA1UECgwIQ2hlZXNlIDIxHzAdBgNVBAsMFlNpbXBsZSBTaWduaW5nIFNl
            Y3Rpb24xITAfBgNVBAsMGFNpbXBsZSBTaWduaW5nIFNlY3Rpb24gMjEaMBgGA1UE
            AwwRU2ltcGxlIFNpZ25pbmcgQ0ExHDAaBgNVBAMME1NpbXBsZSBTaWduaW5nIENB
            IDIxCzAJBgNVBAYTAkZSMQswCQYDVQQGEwJVUzERMA8GA1UEBwwIVE9VTE9VU0Ux
            DTALBgNVBAcMBExZT04xFjAUBgNVBAgMDVNpZ25pbmcgU3RhdGUxGDAWBgNVBAgM
            D1NpZ25pbmcgU3RhdGUgMjEhMB8GCSqGSIb3DQEJARYSc2ltcGxlQHNpZ25pbmcu
            Y29tMSIwIAYJKoZIhvcNAQkBFhNzaW1wbGUyQHNpZ25pbmcuY29tMB4XDTE4MTIw
            NjExMTAxNloXDTIwMTIwNTExMTAxNlowggF2MRMwEQYKCZImiZPyLGQBGRYDb3Jn
            MRYwFAYKCZImiZPyLGQBGRYGY2hlZXNlMQ8wDQYDVQQKDAZDaGVlc2UxETAPBgNV
            BAoMCENoZWVzZSAyMR8wHQYDVQQLDBZTaW1wbGUgU2lnbmluZyBTZWN0aW9uMSEw
            HwYDVQQLDBhTaW1wbGUgU2lnbmluZyBTZWN0aW9uIDIxFTATBgNVBAMMDCouY2hl
            ZXNlLm9yZzEVMBMGA1UEAwwMKi5jaGVlc2UuY29tMQswCQYDVQQGEwJGUjELMAkG
            A1UEBhMCVVMxETAPBgNVBAcMCFRPVUxPVVNFMQ0wCwYDVQQHDARMWU9OMRkwFwYD
            VQQIDBBDaGVlc2Ugb3JnIHN0YXRlMRkwFwYDVQQIDBBDaGVlc2UgY29tIHN0YXRl
            MR4wHAYJKoZIhvcNAQkBFg9jZXJ0QGNoZWVzZS5vcmcxHzAdBgkqhkiG9w0BCQEW
            EGNlcnRAc2NoZWVzZS5jb20wggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIB
            AQDed/qNA3AwOd1RG8xg26laE7Gv/izGOJuICg+O2RuhHa8NZuQTW7xdNpLXXtD6
            iCnTeOGB3piyqSI/v4qvEpJj1KnD8uR+0tyixTkceuvXEnBjLkFH4PAI6Ny+CQHs
            KAmvNdd5nFA10Wvlh3s09tIxZR0YQmlsBBGD/kSukJItC3U5V2LmFy9HK8dT3RAt
            yeMGE9K5umMuPH2Da9aJycydTb+f6KN72siZK7pm1o74QUGgydBeyBGkVUqTg4dj
            BGNBnPtoBGfCcS/yZR0CXRXbLNkEaYXCfQ3qO6yF+NSPD8VwskXh7LJUC+n3grSb
            Gy25JdSryo9bRD4V3bh/t+75AgMBAAGjgeAwgd0wDgYDVR0PAQH/BAQDAgWgMAkG
            A1UdEwQCMAAwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsGAQUFBwMCMB0GA1UdDgQW
            BBSUunN4oof7WCgoz5g7wkVwFm4pLzAfBgNVHSMEGDAWgBQeUqLoVNU369WoHeTC
            BB034vdwAzBhBgNVHREEWjBYggwqLmNoZWVzZS5vcmeCDCouY2hlZXNlLm5ldIIM
            Ki5jaGVlc2UuY29thwQKAAEAhwQKAAECgQ90ZXN0QGNoZWVzZS5vcmeBD3Rlc3RA
            Y2hlZXNlLm5ldDANBgkqhkiG9w0BAQUFAAOCAQEAdmsFsA40EbGDmZHcrhviCBWL
            FrKbJxwCrLXfG9DQdaQrLFxl7Zmr983+OD/DmiIxG6yMHML5XdR1ei5yx4WpBK+f
            KszTlnXwjsfGdkisRaS5Ah4vwBXEBwiSyydQZ6HIBcU6s6ZIvuvVWauiG5UwcRNb
            CppzO2DMENBqx+XXiy/5Lpjy/4EUJAnjS1VXCRoidPH2QBMxQ4lxCpYaBYIfgzqH
            mxcl71pV8i3NDU3kgVi2440JYpoMveTlXPCV2svHNCw0X238YHsSW4b93yGJO0gI
            ML9n/4zmm1PMhzZHcEA72ZAq0tKCxpz10djg5v2qL5V+Oaz8TtTOZbPsxpiKMQ==
            """.replace("\n", "");

    /** What Traefik's own test expects of that certificate with every info option on, unescaped. */
    static final String DOCUMENTED_INFO = "Subject=\"DC=org,DC=cheese,C=FR,C=US,ST=Cheese org state,ST=Cheese com state,"
            + "L=TOULOUSE,L=LYON,O=Cheese,O=Cheese 2,OU=Simple Signing Section,OU=Simple Signing Section 2,CN=*.cheese.com\";"
            + "Issuer=\"DC=org,DC=cheese,C=FR,C=US,ST=Signing State,ST=Signing State 2,L=TOULOUSE,L=LYON,O=Cheese,"
            + "O=Cheese 2,CN=Simple Signing CA 2\";SerialNumber=\"1\";NB=\"1544094616\";NA=\"1607166616\";"
            + "SAN=\"*.cheese.org,*.cheese.net,*.cheese.com,test@cheese.org,test@cheese.net,10.0.1.0,10.0.1.2\"";

    /** Traefik 3's {@code pem}: base64 DER per certificate, joined by ",". */
    static String traefik3(Pki.Issued issued) throws Exception {
        List<String> parts = new ArrayList<>();
        for (X509Certificate c : issued.chain()) {
            parts.add(Base64.getEncoder().encodeToString(c.getEncoded()));
        }
        return String.join(",", parts);
    }

    /** Traefik 1 and 2's {@code pem}: each certificate also query-escaped (Go's url.QueryEscape). */
    static String traefik2(Pki.Issued issued) throws Exception {
        List<String> parts = new ArrayList<>();
        for (X509Certificate c : issued.chain()) {
            parts.add(URLEncoder.encode(Base64.getEncoder().encodeToString(c.getEncoded()), StandardCharsets.UTF_8));
        }
        return String.join(",", parts);
    }

    /** The {@code -Info} header as Traefik sends it: query-escaped. */
    static String escaped(String info) {
        return URLEncoder.encode(info, StandardCharsets.UTF_8);
    }

    static FakeRequest trusted() throws Exception {
        return FakeRequest.from(InetAddress.getByName("10.9.8.7"));
    }

    @Test
    void readWhenDocumentedCertificateAndItsInfoThenEveryFieldFromTheCertificate() throws Exception {
        ClientCertificate c = found(reader.read(trusted().header(CERT, DOCUMENTED_PEM).header(INFO, escaped(DOCUMENTED_INFO))));

        assertThat(c.subjectCN()).isEqualTo("*.cheese.com");
        assertThat(c.issuerCN()).isEqualTo("Simple Signing CA 2");
        assertThat(c.serialNumber()).isEqualTo("01");
        assertThat(c.notBefore()).isEqualTo(Instant.parse("2018-12-06T11:10:16Z"));
        assertThat(c.subjectAltNames()).containsExactly("DNS:*.cheese.org", "DNS:*.cheese.net", "DNS:*.cheese.com",
                "IP:10.0.1.0", "IP:10.0.1.2", "EMAIL:test@cheese.org", "EMAIL:test@cheese.net");
        assertThat(c.fingerprint256()).isEqualTo(CertificateNormalizer.fingerprint256(c.certificate()));
        assertThat(c.source()).isEqualTo(CertificateSource.TRAEFIK);
        assertThat(c.verified()).isFalse();
    }

    @Test
    void readWhenDocumentedInfoAloneThenNamesRebuiltAndSansTypedBySyntax() throws Exception {
        ClientCertificate c = found(verifying.read(trusted().header(INFO, escaped(DOCUMENTED_INFO))));

        assertThat(c.subjectCN()).isEqualTo("*.cheese.com");
        assertThat(c.subjectDN()).startsWith("CN=*.cheese.com,OU=Simple Signing Section 2,OU=Simple Signing Section,O=Cheese 2");
        assertThat(c.issuerCN()).isEqualTo("Simple Signing CA 2");
        assertThat(c.serialNumber()).isEqualTo("01");
        assertThat(c.notAfter()).isEqualTo(Instant.parse("2020-12-05T11:10:16Z"));
        assertThat(c.subjectAltNames()).containsExactly("DNS:*.cheese.org", "DNS:*.cheese.net", "DNS:*.cheese.com",
                "EMAIL:test@cheese.org", "EMAIL:test@cheese.net", "IP:10.0.1.0", "IP:10.0.1.2");
        assertThat(c.fingerprint256()).isNull();
        assertThat(c.certificate()).isNull();
        assertThat(c.verified()).isTrue();
    }

    @Test
    void readWhenInfoEscapedExactlyAsGoDoesThenParsed() throws Exception {
        // url.QueryEscape of Traefik's test "TLS with simple certificate, with some info"
        String goEscaped = "Subject%3D%22O%3DCheese%22%3BIssuer%3D%22C%3DFR%2CC%3DUS%22%3BNA%3D%221632568236%22";

        ClientCertificate c = found(reader.read(trusted().header(INFO, goEscaped)));

        assertThat(c.subjectDN()).isEqualTo("O=Cheese");
        assertThat(c.issuerDN()).isEqualTo("C=US,C=FR");
        assertThat(c.notAfter()).isEqualTo(Instant.ofEpochSecond(1632568236));
    }

    @Test
    void readWhenTraefik3PemChainThenLeafFirstAndChainKept() throws Exception {
        ClientCertificate c = found(reader.read(trusted().header(CERT, traefik3(TestPki.SVC_A))));

        assertThat(c).isEqualTo(CertificateNormalizer.normalize(TestPki.SVC_A.chain(), CertificateSource.TRAEFIK, false));
        assertThat(c.chain()).containsExactlyElementsOf(TestPki.SVC_A.chain());
        assertThat(c.spiffeId()).contains("spiffe://acme/svc-a");
    }

    @Test
    void readWhenTraefik2EscapedPemThenSameCertificate() throws Exception {
        String escaped = traefik2(TestPki.SVC_A);
        assertThat(escaped).contains("%2").doesNotContain("+", "/");

        assertThat(found(reader.read(trusted().header(CERT, escaped))))
                .isEqualTo(found(reader.read(trusted().header(CERT, traefik3(TestPki.SVC_A)))));
    }

    @ParameterizedTest
    @EnumSource(TraefikClientAuth.class)
    void readWhenClientAuthTypeDeclaredThenVerifiedOnlyWhenTraefikVerifies(TraefikClientAuth mode) throws Exception {
        TraefikReader declared = new TraefikReader(HeaderNames.DEFAULTS.withTraefik(mode), GATE);

        assertThat(found(declared.read(trusted().header(CERT, traefik3(TestPki.SVC_B)))).verified())
                .isEqualTo(mode == TraefikClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT
                        || mode == TraefikClientAuth.VERIFY_CLIENT_CERT_IF_GIVEN);
    }

    @Test
    void readWhenInfoAgreesWithOurCertificateThenFound() throws Exception {
        X509Certificate leaf = TestPki.SVC_A.certificate();
        String info = "Subject=\"O=Acme,OU=payments,CN=svc-a\";Issuer=\"O=Acme,CN=acme-issuing\";SerialNumber=\""
                + leaf.getSerialNumber() + "\";NB=\"" + leaf.getNotBefore().toInstant().getEpochSecond() + "\";NA=\""
                + leaf.getNotAfter().toInstant().getEpochSecond() + "\";SAN=\"svc-a.acme.internal,spiffe://acme/svc-a\"";

        assertThat(found(reader.read(trusted().header(CERT, traefik3(TestPki.SVC_A)).header(INFO, escaped(info))))
                .subjectCN()).isEqualTo("svc-a");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SerialNumber=\"2\"",
        "NB=\"1544094617\"",
        "NA=\"1607166615\"",
        "Subject=\"CN=*.cheese.org\"",
        "Subject=\"O=Cheese\";Issuer=\"CN=Simple Signing CA\"",
    })
    void readWhenInfoDisagreesWithCertificateThenRefused(String info) throws Exception {
        refused(reader.read(trusted().header(CERT, DOCUMENTED_PEM).header(INFO, escaped(info))),
                RefusalReason.METADATA_MISMATCH);
    }

    @Test
    void readWhenInfoOfAnotherCertificateThenRefusedNotCached() throws Exception {
        TraefikReader cached = new TraefikReader(HeaderNames.DEFAULTS, GATE, CertificateCache.CacheSettings.DEFAULTS);
        String other = "SerialNumber=\"" + TestPki.SVC_B.certificate().getSerialNumber() + "\"";
        String own = "SerialNumber=\"" + TestPki.SVC_A.certificate().getSerialNumber() + "\"";
        FakeRequest mismatch = trusted().header(CERT, traefik3(TestPki.SVC_A)).header(INFO, escaped(other));

        refused(cached.read(mismatch), RefusalReason.METADATA_MISMATCH);
        refused(cached.read(mismatch), RefusalReason.METADATA_MISMATCH);
        assertThat(found(cached.read(trusted().header(CERT, traefik3(TestPki.SVC_A)).header(INFO, escaped(own))))
                .subjectCN()).isEqualTo("svc-a");
    }

    @Test
    void readWhenSameHeadersAgainThenCachedCertificate() throws Exception {
        TraefikReader cached = new TraefikReader(HeaderNames.DEFAULTS, GATE, CertificateCache.CacheSettings.DEFAULTS);
        String pem = traefik3(TestPki.SVC_A);

        ClientCertificate first = found(cached.read(trusted().header(CERT, pem)));

        assertThat(found(cached.read(trusted().header(CERT, pem)))).isSameAs(first);
        assertThat(found(cached.read(trusted().header(CERT, traefik3(TestPki.SVC_B))))).isNotSameAs(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        ",",
        "MIIB,",
        "-----BEGIN CERTIFICATE-----MIIB-----END CERTIFICATE-----",
        "MIIB AAAA",
        "not base64!",
        "AAAA",
        "%ZZ",
        "%2",
        "%C3%A9",
        "TUlJQg==%",
    })
    void readWhenCertHeaderMalformedThenMalformed(String value) throws Exception {
        malformed(reader.read(trusted().header(CERT, value)));
    }

    @Test
    void readWhenCertHeaderTruncatedOrTrailingBytesThenMalformed() throws Exception {
        byte[] der = TestPki.SVC_A.certificate().getEncoded();
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 2);

        malformed(reader.read(trusted().header(CERT, Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(der, 100)))));
        malformed(reader.read(trusted().header(CERT, Base64.getEncoder().encodeToString(longer))));
    }

    @Test
    void readWhenMoreThanTenCertificatesThenMalformed() throws Exception {
        String one = Base64.getEncoder().encodeToString(TestPki.SVC_A.certificate().getEncoded());

        malformed(new TraefikReader(HeaderNames.DEFAULTS, new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8")), 1 << 20))
                .read(trusted().header(CERT, String.join(",", Collections.nCopies(11, one)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Foo=\"bar\"", "Subject=\"CN=a,OU=b\"", "Subject=%22CN", "%ZZ", "NB=\"x\""})
    void readWhenInfoAloneMalformedOrSaysNothingThenMalformed(String value) throws Exception {
        malformed(reader.read(trusted().header(INFO, value)));
    }

    @ParameterizedTest(name = "control character {index}")
    @ValueSource(strings = {"\u0001", "\u0000", "\r\n"})
    void readWhenAHeaderEndsInAControlCharacterThenMalformed(String control) throws Exception {
        // only spaces and tabs are trimmed: a control character is not a value Traefik writes
        malformed(reader.read(trusted().header(INFO, escaped(DOCUMENTED_INFO) + control)));
        malformed(reader.read(trusted().header(CERT, traefik3(TestPki.SVC_A) + control)));
    }

    @Test
    void readWhenInfoMalformedBesideAGoodCertificateThenMalformed() throws Exception {
        malformed(reader.read(trusted().header(CERT, traefik3(TestPki.SVC_A)).header(INFO, "Subject=%22")));
    }

    @ParameterizedTest
    @ValueSource(strings = {CERT, INFO})
    void readWhenHeaderSentTwiceThenRefused(String header) throws Exception {
        FakeRequest request = trusted().header(CERT, traefik3(TestPki.SVC_A)).header(header, "a", "b");

        refused(reader.read(request), RefusalReason.DUPLICATE_HEADER);
    }

    @Test
    void readWhenOversizeThenOversizeUnparsed() throws Exception {
        TraefikReader small = new TraefikReader(HeaderNames.DEFAULTS, new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8")), 100));

        Resolutions.unusable(small.read(trusted().header(CERT, traefik3(TestPki.SVC_A))), MissingReason.OVERSIZE);
        Resolutions.unusable(small.read(trusted().header(INFO, escaped(DOCUMENTED_INFO))), MissingReason.OVERSIZE);
    }

    @ParameterizedTest
    @ValueSource(strings = {CERT, INFO})
    void readWhenUntrustedPeerSendsHeaderThenIgnoredUnparsed(String header) throws Exception {
        FakeRequest spoofed = FakeRequest.from(InetAddress.getByName("192.0.2.1")).header(header, "garbage %ZZ \"");
        FakeRequest forged = FakeRequest.from(InetAddress.getByName("192.0.2.1")).header(CERT, traefik3(TestPki.SVC_A));

        assertThat(verifying.read(spoofed)).isEqualTo(Resolution.Absent.UNTRUSTED);
        assertThat(verifying.read(forged)).isEqualTo(Resolution.Absent.UNTRUSTED);
        assertThat(verifying.read(FakeRequest.empty().header(header, "x"))).isEqualTo(Resolution.Absent.UNTRUSTED);
    }

    @Test
    void readWhenNoTraefikHeaderThenAbsent() throws Exception {
        assertThat(reader.read(trusted().header("X-SSL-Client-Cert", traefik3(TestPki.SVC_A)))).isEqualTo(Resolution.Absent.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spiffe://acme/svc-a", "urn:uuid:1234", "https://a.example/x"})
    void typedWhenSchemeThenUri(String san) {
        assertThat(TraefikReader.typed(san)).isEqualTo("URI:" + san);
    }

    @Test
    void typedWhenIpEmailOrNameThenThatType() {
        assertThat(TraefikReader.typed("fe80:0:0::1")).isEqualTo("IP:fe80::1");
        assertThat(TraefikReader.typed("10.0.1.2")).isEqualTo("IP:10.0.1.2");
        assertThat(TraefikReader.typed("svc@acme.example")).isEqualTo("EMAIL:svc@acme.example");
        assertThat(TraefikReader.typed("*.acme.example")).isEqualTo("DNS:*.acme.example");
        assertThat(TraefikReader.typed("10.0.1.300")).isEqualTo("DNS:10.0.1.300");
    }

    @Test
    void readWhenRandomValuesThenNeverThrows() throws Exception {
        java.util.Random random = new java.util.Random(3);
        String alphabet = "MIIBAZaz09+/=,%2F3D\";SubjectNB=CN";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(60); j > 0; j--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(reader.read(trusted().header(CERT, s.toString()))).isNotInstanceOf(Resolution.Found.class);
            assertThat(reader.read(trusted().header(INFO, s.toString()))).isNotNull();
        }
    }
}
