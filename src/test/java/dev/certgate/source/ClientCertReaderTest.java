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
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 9440 Client-Cert / Client-Cert-Chain over real certificates; every violation named. */
class ClientCertReaderTest {

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8", "::1/128")), 32768);
    private final ClientCertReader reader = new ClientCertReader(HeaderNames.DEFAULTS, GATE);

    static String sf(Pki.Issued issued) throws Exception {
        return ":" + Base64.getEncoder().encodeToString(issued.certificate().getEncoded()) + ":";
    }

    static String sf(java.security.cert.X509Certificate certificate) throws Exception {
        return ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":";
    }

    static FakeRequest trusted() throws Exception {
        return FakeRequest.from(InetAddress.getByName("10.9.8.7"));
    }

    static ClientCertificate found(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Found.class);
        return ((Resolution.Found) resolution).certificate();
    }

    @Test
    void readWhenClientCertThenEveryFieldVerified() throws Exception {
        ClientCertificate c = found(reader.read(trusted().header("Client-Cert", sf(TestPki.SVC_A))));

        assertThat(c).isEqualTo(CertificateNormalizer.normalize(List.of(TestPki.SVC_A.certificate()),
                CertificateSource.CLIENT_CERT, true));
    }

    @Test
    void readWhenChainThenFollowsTheLeaf() throws Exception {
        ClientCertificate c = found(reader.read(trusted().header("Client-Cert", sf(TestPki.SVC_A))
                .header("Client-Cert-Chain", sf(TestPki.INTERMEDIATE) + ", " + sf(TestPki.ROOT))));

        assertThat(c.chain()).containsExactly(TestPki.SVC_A.certificate(), TestPki.INTERMEDIATE.certificate(),
                TestPki.ROOT.certificate());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'{0};a=1'", "'{0};a=1;b=?0'", "'{0};x=\"quoted \\\" value\";y=:AAAA:'", "'  {0}'", "'{0}  '", "'\t{0}\t'", "'\t {0} \t'", "'{0};*k=tok/en'",
    })
    void readWhenParametersOrSpacesThenIgnored(String template) throws Exception {
        String value = template.replace("{0}", sf(TestPki.SVC_B));

        assertThat(found(reader.read(trusted().header("Client-Cert", value))).subjectCN()).isEqualTo("svc-b");
    }

    @Test
    void readWhenPaddingOmittedThenStillDecoded() throws Exception {
        String unpadded = sf(TestPki.SVC_A).replace("=", "");

        assertThat(found(reader.read(trusted().header("Client-Cert", unpadded))).subjectCN()).isEqualTo("svc-a");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "MIIB",                 // not a byte sequence
        ":MIIB",                // unterminated
        "::",                   // empty
        ":not base64!:",        // outside the alphabet
        ":AAAA:",               // base64, but no certificate
        ":AAAA: extra",         // content after the item
        ":AAAA:, :AAAA:",       // a list where an item is expected
        ":AAAA:;A=1",           // uppercase parameter key
        ":AAAA:;a=",            // parameter without value
        ":AAAA:;a=\"open",      // unterminated string
        "\"quoted\"",           // a string, not bytes
        ":A=AA:",               // padding in the middle
        ":AA AA:",              // a space inside
        ":AA,AA:",              // a comma inside
        ":AA\u00c1A:",          // Latin-1 beyond ASCII
        ":AA\u0141A:",          // beyond Latin-1, low byte 'A'
        ":AA\ud83d\udd11A:",    // a surrogate pair
        ":AA%41A:",             // a percent-escape is no base64
        ":AAAA",                // unterminated after valid base64
        ":AAAA:;a=:BB",         // unterminated Byte Sequence as a parameter value
        ":AA\tAA:",             // a tab inside
        "\u0000:AAAA:",         // NUL is no whitespace
        ":AAAA:\r",             // nor is CR
    })
    void readWhenClientCertMalformedThenMalformed(String value) throws Exception {
        assertThat(reader.read(trusted().header("Client-Cert", value))).isInstanceOfSatisfying(Resolution.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo(MissingReason.MALFORMED));
    }

    @Test
    void readWhenCertificateDerHasTrailingBytesThenMalformed() throws Exception {
        byte[] der = TestPki.SVC_A.certificate().getEncoded();
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 2);

        assertThat(reader.read(trusted().header("Client-Cert", ":" + Base64.getEncoder().encodeToString(longer) + ":")))
                .isInstanceOf(Resolution.Malformed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "{0},", ",{0}", "{0} {0}", "{0},,{0}", "MIIB", ":AAAA:"})
    void readWhenChainMalformedThenMalformed(String template) throws Exception {
        String chain = template.replace("{0}", sf(TestPki.INTERMEDIATE));

        assertThat(reader.read(trusted().header("Client-Cert", sf(TestPki.SVC_A)).header("Client-Cert-Chain", chain)))
                .isInstanceOf(Resolution.Malformed.class);
    }

    @Test
    void readWhenChainLongerThanTheCapThenMalformed() throws Exception {
        String chain = String.join(",", java.util.Collections.nCopies(Certificates.MAX_CHAIN, sf(TestPki.INTERMEDIATE)));

        assertThat(reader.read(trusted().header("Client-Cert", sf(TestPki.SVC_A)).header("Client-Cert-Chain", chain)))
                .isInstanceOfSatisfying(Resolution.Malformed.class, m -> assertThat(m.detail()).contains("more than"));
    }

    @Test
    void readWhenChainWithoutCertThenMalformedNamingTheRfc() throws Exception {
        assertThat(reader.read(trusted().header("Client-Cert-Chain", sf(TestPki.INTERMEDIATE))))
                .isInstanceOfSatisfying(Resolution.Malformed.class, m -> assertThat(m.detail()).contains("§2.3"));
    }

    @Test
    void readWhenClientCertSentTwiceThenRefused() throws Exception {
        assertThat(reader.read(trusted().header("Client-Cert", sf(TestPki.SVC_A), sf(TestPki.SVC_B))))
                .isInstanceOfSatisfying(Resolution.Refused.class, r -> assertThat(r.reason()).isEqualTo(RefusalReason.DUPLICATE_HEADER));
    }

    @Test
    void readWhenChainSentTwiceThenRefused() throws Exception {
        assertThat(reader.read(trusted().header("Client-Cert", sf(TestPki.SVC_A))
                .header("Client-Cert-Chain", sf(TestPki.INTERMEDIATE), sf(TestPki.ROOT))))
                .isInstanceOfSatisfying(Resolution.Refused.class, r -> assertThat(r.reason()).isEqualTo(RefusalReason.DUPLICATE_HEADER));
    }

    @Test
    void readWhenOversizeThenOversizeUnparsed() throws Exception {
        ClientCertReader small = new ClientCertReader(HeaderNames.DEFAULTS,
                new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8")), 200));

        assertThat(small.read(trusted().header("Client-Cert", sf(TestPki.SVC_A))))
                .isInstanceOfSatisfying(Resolution.Malformed.class, m -> assertThat(m.reason()).isEqualTo(MissingReason.OVERSIZE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "::ffff:192.0.2.1", "2001:db8::1"})
    void readWhenUntrustedPeerThenIgnoredEvenIfGarbage(String peer) throws Exception {
        FakeRequest request = FakeRequest.from(InetAddress.getByName(peer)).header("Client-Cert", "garbage")
                .header("Client-Cert-Chain", "more garbage");

        assertThat(reader.read(request)).isEqualTo(Resolution.Absent.UNTRUSTED);
    }

    @Test
    void readWhenTrustedIpv6PeerThenRead() throws Exception {
        FakeRequest request = FakeRequest.from(InetAddress.getByName("::1")).header("Client-Cert", sf(TestPki.SVC_A));

        assertThat(found(reader.read(request)).subjectCN()).isEqualTo("svc-a");
    }

    @Test
    void readWhenNoHeaderThenAbsent() throws Exception {
        assertThat(reader.read(trusted())).isEqualTo(Resolution.Absent.NONE);
    }

    @Test
    void readWhenRandomValuesThenNeverThrows() throws Exception {
        java.util.Random random = new java.util.Random(9);
        String alphabet = ":;=,\" ?*abAZ09+/-\\";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(30); j > 0; j--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(reader.read(trusted().header("Client-Cert", s.toString()).header("Client-Cert-Chain", s.toString())))
                    .isNotNull();
        }
    }
}
