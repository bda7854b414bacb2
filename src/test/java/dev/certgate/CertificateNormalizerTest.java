package dev.certgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.demo.Pki;
import dev.certgate.demo.Pki.Issued;
import dev.certgate.testing.TestPki;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateNormalizerTest {

    private static ClientCertificate normalize(Issued issued) {
        return CertificateNormalizer.normalize(issued.chainArray(), CertificateSource.NATIVE, true);
    }

    private static String sha256Hex(X509Certificate certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.of().withUpperCase().formatHex(digest);
    }

    @Test
    void normalizeWhenMintedLeafThenNamesAreRfc2253() {
        // Pki reads subjects in RFC 4514 order (most specific first), as RFC 2253 prints them.
        ClientCertificate c = normalize(TestPki.SVC_A);

        assertThat(c.subjectDN()).isEqualTo("CN=svc-a,OU=payments,O=Acme");
        assertThat(c.subjectCN()).isEqualTo("svc-a");
        assertThat(c.issuerDN()).isEqualTo("CN=acme-issuing,O=Acme");
        assertThat(c.issuerCN()).isEqualTo("acme-issuing");
    }

    @Test
    void normalizeWhenMintedLeafThenSerialIsEvenLengthUppercaseHexOfTheSerial() {
        ClientCertificate c = normalize(TestPki.SVC_A);

        assertThat(c.serialNumber()).matches("([0-9A-F]{2})+");
        assertThat(new BigInteger(c.serialNumber(), 16)).isEqualTo(TestPki.SVC_A.certificate().getSerialNumber());
    }

    @ParameterizedTest
    @CsvSource({
        "1,        01",
        "255,      FF",
        "2748,     0ABC",
        "4096,     1000",
        "65536,    010000",
        "128,      80",
        "32768,    8000",
        "0,        00",
    })
    void normalizeWhenFixedSerialThenPaddedToEvenLength(long serial, String expected) {
        // serial 0 is not RFC 5280-conformant, but the JDK parses it and the hex must still be right
        Issued leaf = TestPki.client("CN=serial").serial(BigInteger.valueOf(serial)).build();

        assertThat(normalize(leaf).serialNumber()).isEqualTo(expected);
    }

    @Test
    void normalizeWhenMintedLeafThenFingerprintIsUppercaseSha256OfDer() throws Exception {
        ClientCertificate c = normalize(TestPki.SVC_A);

        assertThat(c.fingerprint256()).isEqualTo(sha256Hex(TestPki.SVC_A.certificate())).matches("[0-9A-F]{64}");
        assertThat(normalize(TestPki.SVC_B).fingerprint256()).isNotEqualTo(c.fingerprint256());
    }

    @Test
    void normalizeWhenEverySanTypeThenEachRenderedAsTypeColonValue() {
        ClientCertificate c = normalize(TestPki.EVERY_SAN);

        assertThat(c.subjectAltNames()).containsExactly(
                "DNS:svc-all.acme.internal",
                "URI:spiffe://acme/svc-all",
                "EMAIL:svc-all@acme.example",
                "IP:10.1.2.3",
                "IP:2001:db8::1",
                "DIRNAME:O=Acme,CN=dir",
                "RID:1.2.3.4.5",
                "OTHERNAME:1.3.6.1.4.1.311.20.2.3=user@acme");
    }

    @Test
    void normalizeWhenIpv6SanThenRfc5952Canonical() {
        Issued leaf = TestPki.client("CN=v6").ip("2001:DB8:0:0:1:0:0:1").ip("fe80:0:0:0:0:0:0:0").ip("::1").build();

        assertThat(normalize(leaf).subjectAltNames()).containsExactly("IP:2001:db8::1:0:0:1", "IP:fe80::", "IP:::1");
    }

    @Test
    void normalizeWhenOtherNameWithNonAsciiUpnThenUtf8Decoded() {
        Issued leaf = TestPki.client("CN=upn").otherName("1.3.6.1.4.1.311.20.2.3", "j\u00fcrgen@acme").build();

        assertThat(normalize(leaf).subjectAltNames()).containsExactly("OTHERNAME:1.3.6.1.4.1.311.20.2.3=j\u00fcrgen@acme");
    }

    @Test
    void normalizeWhenNoSanExtensionThenEmptyList() {
        assertThat(normalize(TestPki.NO_SANS).subjectAltNames()).isEmpty();
    }

    @Test
    void normalizeWhenFixedValidityThenNotBeforeAndNotAfterCopied() {
        Instant from = Instant.parse("2026-03-01T10:00:00Z");
        Instant to = Instant.parse("2026-09-01T10:00:00Z");
        Issued leaf = TestPki.client("CN=dated").validity(from, to).build();

        ClientCertificate c = normalize(leaf);

        assertThat(c.notBefore()).isEqualTo(from);
        assertThat(c.notAfter()).isEqualTo(to);
    }

    @Test
    void normalizeWhenChainThenLeafAndChainKeptAndSourceAndVerifiedCopied() {
        ClientCertificate c = CertificateNormalizer.normalize(TestPki.SVC_A.chainArray(), CertificateSource.XFCC, false);

        assertThat(c.certificate()).isSameAs(TestPki.SVC_A.certificate());
        assertThat(c.x509()).containsSame(TestPki.SVC_A.certificate());
        assertThat(c.chain()).containsExactly(TestPki.SVC_A.certificate(), TestPki.INTERMEDIATE.certificate());
        assertThat(c.source()).isEqualTo(CertificateSource.XFCC);
        assertThat(c.verified()).isFalse();
        assertThat(CertificateNormalizer.normalize(TestPki.SVC_A.chain(), CertificateSource.NATIVE, true).verified()).isTrue();
    }

    @Test
    void normalizeWhenEmptyChainThenIllegalArgumentException() {
        assertThatThrownBy(() -> CertificateNormalizer.normalize(new X509Certificate[0], CertificateSource.NATIVE, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateNormalizer.normalize((X509Certificate[]) null, CertificateSource.NATIVE, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateNormalizer.normalize(List.of(), CertificateSource.NATIVE, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalizeWhenChainHoldsNullThenIllegalArgumentException() {
        X509Certificate[] chain = {TestPki.SVC_A.certificate(), null};

        assertThatThrownBy(() -> CertificateNormalizer.normalize(chain, CertificateSource.NATIVE, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateNormalizer.normalize(new X509Certificate[] {null}, CertificateSource.NATIVE, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // subjects in RFC 4514 order: the most specific RDN first
        "O=Acme,CN=Smith\\, John         | Smith, John",
        "O=x,CN=evil\\,CN=admin           | evil,CN=admin",
        "O=Acme,CN=a+UID=b               | a",
        "O=Acme,UID=b+CN=a               | a",
        "O=Acme,CN=J\u00fcrgen M\u00fcller         | J\u00fcrgen M\u00fcller",
        "CN=leaf,CN=outer,O=Acme         | leaf",
        "O=Acme,CN=\"quoted\"            | quoted",
        "O=Acme,CN=a=b;c<d>e#f           | a=b;c<d>e#f",
    })
    void normalizeWhenSubjectHasSpecialCharactersThenCommonNameIsTheExactValue(String bcSubject, String expectedCn) {
        ClientCertificate c = normalize(TestPki.client(bcSubject).build());

        assertThat(c.subjectCN()).isEqualTo(expectedCn);
        assertThat(DistinguishedNames.commonName(c.subjectDN())).contains(expectedCn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"O=Acme,CN=zzz+CN=admin", "O=Acme,CN=admin+CN=zzz"})
    void normalizeWhenOneRdnHoldsTwoCommonNamesThenSubjectCnIsNull(String bcSubject) {
        ClientCertificate c = normalize(TestPki.client(bcSubject).build());

        assertThat(c.subjectCN()).isNull();
        assertThat(c.subjectDN()).contains("+").contains("admin").contains("zzz");
    }

    @Test
    void normalizeWhenSubjectHasNoCommonNameThenSubjectCnIsNull() {
        ClientCertificate c = normalize(TestPki.client("O=Acme,OU=no-cn").build());

        assertThat(c.subjectCN()).isNull();
        assertThat(c.subjectDN()).isEqualTo("O=Acme,OU=no-cn");
    }

    @Test
    void fingerprint256WhenCertificateThenSameAsNormalized() throws Exception {
        assertThat(CertificateNormalizer.fingerprint256(TestPki.SVC_B.certificate()))
                .isEqualTo(sha256Hex(TestPki.SVC_B.certificate()));
    }

    /**
     * A CN in a legacy string type is the characters its type means, on every JDK: Java 17's RFC
     * 2253 form read a BMPString's bytes as UTF-8, so this certificate's CN {@code 慤浩湳} (the bytes
     * of {@code admins}) was {@code admins} to a CN allow-list.
     */
    @Test
    void normalizeWhenCommonNameIsBmpStringThenItsCharactersNotItsBytes() {
        ClientCertificate c = normalize(TestPki.client("CN=unused").subject(subject(new DERBMPString("\u6164\u6d69\u6e73"))).build());

        assertThat(c.subjectCN()).isEqualTo("\u6164\u6d69\u6e73");
        assertThat(c.subjectDN()).isEqualTo("CN=\u6164\u6d69\u6e73,O=Acme");
    }

    @Test
    void normalizeWhenCommonNameIsTeletexStringThenLatin1() {
        ClientCertificate c = normalize(TestPki.client("CN=unused")
                .subject(subject(new DERT61String(new byte[] {'J', (byte) 0xfc, 'r', 'g', 'e', 'n'}))).build());

        assertThat(c.subjectCN()).isEqualTo("J\u00fcrgen");
    }

    /** A directoryName SAN reads as the subject does: Java 17 gave this one as {@code DIRNAME:CN=admins,O=Acme}. */
    @Test
    void normalizeWhenDirectoryNameSanHoldsBmpStringThenItsCharactersNotItsBytes() {
        ClientCertificate c = normalize(TestPki.client("CN=dir").dns("dir.acme").dirName(subject(new DERBMPString("\u6164\u6d69\u6e73")))
                .uri("spiffe://acme/dir").build());

        assertThat(c.subjectAltNames()).containsExactly("DNS:dir.acme", "DIRNAME:CN=\u6164\u6d69\u6e73,O=Acme", "URI:spiffe://acme/dir");
    }

    /** O=Acme, then CN={@code cn} (most specific) as its own type. */
    /** An issuer's CN in a BMPString is its characters too: the issuer renders from its DER in the TBSCertificate. */
    @Test
    void normalizeWhenIssuerCommonNameIsBmpStringThenItsCharactersNotItsBytes() {
        Issued ca = Pki.root("CN=unused").subject(subject(new DERBMPString("\u6164\u6d69\u6e73"))).build();

        ClientCertificate c = normalize(ca.issue("CN=leaf").build());

        assertThat(c.issuerCN()).isEqualTo("\u6164\u6d69\u6e73");
        assertThat(c.issuerDN()).isEqualTo("CN=\u6164\u6d69\u6e73,O=Acme");
    }

    /**
     * The issuer and subject Names are found in the TBSCertificate's DER for every certificate
     * shape: exactly the encodings the JDK's principals hold, with or without the version field.
     */
    @Test
    void namesInTbsWhenCertificatesOfEveryShapeThenTheJdksOwnNameEncodings() throws Exception {
        List<X509Certificate> certificates = List.of(TestPki.SVC_A.certificate(), TestPki.EVERY_SAN.certificate(),
                TestPki.INTERMEDIATE.certificate(), TestPki.client("CN=big").serial(BigInteger.TWO.pow(159)).build().certificate(),
                version1("CN=v1 leaf,O=Acme,OU=" + "x".repeat(300)));
        for (X509Certificate certificate : certificates) {
            byte[] tbs = certificate.getTBSCertificate();

            int[] names = CertificateNormalizer.namesInTbs(tbs);

            assertThat(names).isNotNull();
            assertThat(Arrays.copyOfRange(tbs, names[0], names[1])).isEqualTo(certificate.getIssuerX500Principal().getEncoded());
            assertThat(Arrays.copyOfRange(tbs, names[2], names[3])).isEqualTo(certificate.getSubjectX500Principal().getEncoded());
        }
    }

    @Test
    void normalizeWhenVersion1CertificateThenNamesAsTheJdkRendersThem() throws Exception {
        X509Certificate v1 = version1("CN=v1 leaf,O=Acme");

        ClientCertificate c = CertificateNormalizer.normalize(new X509Certificate[] {v1}, CertificateSource.NATIVE, true);

        assertThat(v1.getVersion()).isEqualTo(1);
        assertThat(c.subjectDN()).isEqualTo("CN=v1 leaf,O=Acme");
        assertThat(c.issuerDN()).isEqualTo("CN=v1 issuer");
        assertThat(c.subjectCN()).isEqualTo("v1 leaf");
        assertThat(c.issuerCN()).isEqualTo("v1 issuer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "3000", "3003020101", "a0030201020201013000"})
    void namesInTbsWhenNoTbsCertificateThenNull(String hex) {
        assertThat(CertificateNormalizer.namesInTbs(HexFormat.of().parseHex(hex))).isNull();
    }

    private static X509Certificate version1(String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X509v1CertificateBuilder builder = new JcaX509v1CertificateBuilder(new X500Principal("CN=v1 issuer"), BigInteger.TEN,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), new X500Principal(subject), keys.getPublic());
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static X500Name subject(ASN1Encodable cn) {
        return new X500Name(new RDN[] {new RDN(BCStyle.O, new DERUTF8String("Acme")), new RDN(BCStyle.CN, cn)});
    }
}
