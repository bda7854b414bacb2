package dev.certgate.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import dev.certgate.demo.Pki;
import dev.certgate.source.CertificateCache.CacheSettings;
import dev.certgate.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** PKIX re-verification against {@code certgate.trust.anchors}: which chains lead to an anchor, which do not. */
class TrustVerifierPathTest {

    private static final Instant NOW = Instant.now();
    private static final TrustVerifier ROOT_ONLY = verifier(TestPki.ROOT.certificate());

    static TrustVerifier verifier(X509Certificate... anchors) {
        return TrustVerifier.of(TrustSettings.anchoredAt(List.of(anchors)), CacheSettings.DEFAULTS);
    }

    static ClientCertificate forwarded(List<X509Certificate> chain) {
        return CertificateNormalizer.normalize(chain, CertificateSource.XFCC, true);
    }

    static Optional<RefusalReason> reason(TrustVerifier verifier, ClientCertificate certificate) {
        return verifier.verify(certificate, NOW).map(TrustFailure::reason);
    }

    @Test
    void verifyWhenChainLeadsToAnchorThenTrusted() {
        assertThat(ROOT_ONLY.verify(forwarded(TestPki.SVC_A.chain()), NOW)).isEmpty();
        assertThat(ROOT_ONLY.verify(CertificateNormalizer.normalize(TestPki.SVC_B.chain(), CertificateSource.NATIVE, true),
                NOW)).isEmpty();
    }

    @Test
    void verifyWhenForwardedChainLacksTheIntermediateThenUntrustedChain() {
        assertThat(reason(ROOT_ONLY, forwarded(List.of(TestPki.SVC_A.certificate()))))
                .contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void verifyWhenChainOutOfOrderWithExtrasThenTrusted() {
        List<X509Certificate> shuffled = List.of(TestPki.SVC_A.certificate(), TestPki.OTHER_ROOT.certificate(),
                TestPki.ROOT.certificate(), TestPki.INTERMEDIATE.certificate());

        assertThat(ROOT_ONLY.verify(forwarded(shuffled), NOW)).isEmpty();
    }

    @Test
    void verifyWhenIssuedByAnotherCaThenUntrustedChain() {
        assertThat(reason(ROOT_ONLY, forwarded(TestPki.WRONG_CA.chain()))).contains(RefusalReason.UNTRUSTED_CHAIN);
        assertThat(reason(verifier(TestPki.OTHER_ROOT.certificate()), forwarded(TestPki.SVC_A.chain())))
                .contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void verifyWhenIntermediateIsTheAnchorThenTrusted() {
        // every certificate of the bundle is an anchor, as in a JDK trust store
        assertThat(verifier(TestPki.INTERMEDIATE.certificate()).verify(forwarded(List.of(TestPki.SVC_A.certificate())),
                NOW)).isEmpty();
    }

    @Test
    void verifyWhenForgedIntermediateCopiesTheNamesThenUntrustedChain() {
        // same subject DN as the real intermediate, its own key, self-signed
        Pki.Issued forgedIntermediate = Pki.root("CN=acme-issuing,O=Acme").build();
        Pki.Issued leaf = forgedIntermediate.issue("CN=svc-a,OU=payments,O=Acme").uri("spiffe://acme/svc-a").build();

        assertThat(reason(ROOT_ONLY, forwarded(List.of(leaf.certificate(), forgedIntermediate.certificate()))))
                .contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void verifyWhenForgedRootCopiesTheAnchorsNameThenUntrustedChain() {
        Pki.Issued forgedRoot = Pki.root("CN=acme-root,O=Acme").build();
        Pki.Issued forgedIntermediate = forgedRoot.issue("CN=acme-issuing,O=Acme").ca(true).build();
        Pki.Issued leaf = forgedIntermediate.issue("CN=svc-a,OU=payments,O=Acme").uri("spiffe://acme/svc-a").build();

        assertThat(reason(ROOT_ONLY, forwarded(List.of(leaf.certificate(), forgedIntermediate.certificate(),
                forgedRoot.certificate())))).contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void verifyWhenLeafSignatureTamperedThenUntrustedChain() throws Exception {
        byte[] der = TestPki.SVC_B.certificate().getEncoded();
        der[der.length - 3] ^= 0x01; // inside the ECDSA signature
        X509Certificate tampered = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));

        assertThat(reason(ROOT_ONLY, forwarded(List.of(tampered, TestPki.INTERMEDIATE.certificate()))))
                .contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void verifyWhenIntermediateExpiredThenUntrustedChain() {
        Pki.Issued expired = TestPki.ROOT.issue("CN=acme-old-issuing,O=Acme").ca(true)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))).build();
        Pki.Issued leaf = expired.issue("CN=svc-old,O=Acme").uri("spiffe://acme/svc-old").build();

        assertThat(reason(ROOT_ONLY, forwarded(leaf.chain()))).contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void verifyWhenLeafOutsideItsValidityThenUntrustedChain() {
        // PKIX validates every certificate of the path at the request's instant, the leaf too
        assertThat(reason(ROOT_ONLY, forwarded(TestPki.EXPIRED.chain()))).contains(RefusalReason.UNTRUSTED_CHAIN);
        assertThat(reason(ROOT_ONLY, forwarded(TestPki.NOT_YET_VALID.chain()))).contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void verifyWhenRequestClockIsPastTheLeafThenUntrustedChain() {
        ClientCertificate svcA = forwarded(TestPki.SVC_A.chain());
        Instant afterLeaf = TestPki.SVC_A.certificate().getNotAfter().toInstant().plusSeconds(1);

        assertThat(TrustVerifier.of(TrustSettings.anchoredAt(List.of(TestPki.ROOT.certificate())),
                CacheSettings.DEFAULTS).verify(svcA, afterLeaf)).map(TrustFailure::reason)
                .contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void verifyWhenLeafOnlyForServerAuthThenUntrustedChain() {
        Pki.Issued serverOnly = TestPki.client("CN=svc-server,O=Acme").clientAuth(false).serverAuth().build();

        assertThat(reason(ROOT_ONLY, forwarded(serverOnly.chain()))).contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void verifyWhenChainIsStuffedWithSameNameSameKeyCasThenUntrustedChain() throws Exception {
        // nine interchangeable CA certificates: a path builder that tried every order would never finish
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(selfIssued("CN=svc-stuffed", generator.generateKeyPair().getPublic(), key, false, 1));
        for (int i = 0; i < 9; i++) {
            chain.add(selfIssued("CN=stuffed-ca", key.getPublic(), key, true, 100 + i));
        }

        assertThat(reason(ROOT_ONLY, forwarded(chain))).contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    /** A certificate issued by {@code CN=stuffed-ca} with {@code issuerKey}. */
    private static X509Certificate selfIssued(String subject, PublicKey subjectKey,
                                              KeyPair issuerKey, boolean ca, int serial) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name("CN=stuffed-ca"), BigInteger.valueOf(serial),
                Date.from(NOW.minusSeconds(3600)), Date.from(NOW.plus(Duration.ofDays(1))),
                new X500Name(subject), subjectKey);
        builder.addExtension(Extension.basicConstraints, true,
                new BasicConstraints(ca));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    @Test
    void verifyWhenSourceCarriedOnlyAHashThenNotReverifiable() {
        ClientCertificate hashOnly = new ClientCertificate("CN=svc-a,OU=payments,O=Acme", "svc-a", null, null, null,
                CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate()), List.of("URI:spiffe://acme/svc-a"),
                null, null, true, CertificateSource.XFCC, null, List.of());

        Optional<TrustFailure> failure = ROOT_ONLY.verify(hashOnly, NOW);

        assertThat(failure).map(TrustFailure::reason).contains(RefusalReason.NOT_REVERIFIABLE);
        assertThat(failure.orElseThrow().detail()).contains("xfcc");
    }

    @Test
    void verifyWhenRepeatedThenSameAnswerFromTheCache() {
        TrustVerifier verifier = verifier(TestPki.ROOT.certificate());
        ClientCertificate svcA = forwarded(TestPki.SVC_A.chain());

        assertThat(verifier.verify(svcA, NOW)).isEmpty();
        assertThat(verifier.verify(svcA, NOW.plusSeconds(1))).isEmpty();
        assertThat(reason(verifier, forwarded(TestPki.WRONG_CA.chain()))).contains(RefusalReason.UNTRUSTED_CHAIN);
        assertThat(reason(verifier, forwarded(TestPki.WRONG_CA.chain()))).contains(RefusalReason.UNTRUSTED_CHAIN);
    }

    @Test
    void verifyWhenNothingConfiguredThenTrustsEverything() {
        assertThat(TrustVerifier.NONE.enabled()).isFalse();
        assertThat(TrustVerifier.NONE.verify(forwarded(TestPki.WRONG_CA.chain()), NOW)).isEmpty();
        assertThat(TrustVerifier.of(TrustSettings.NONE, CacheSettings.DEFAULTS)).isSameAs(TrustVerifier.NONE);
    }

    /**
     * The JDK's PKIX ignores the name constraints of a trust anchor's own certificate (RFC 5280
     * section 6.1.1 leaves anchor constraints optional; OpenSSL and Go apply them): a partner root
     * constrained to {@code partner.example} must not vouch for {@code admin.acme.internal}.
     */
    @Test
    void verifyWhenLeafIsOutsideTheAnchorsNameConstraintsThenUntrustedChain() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair rootKey = generator.generateKeyPair();
        X509Certificate root = constrained("CN=partner-root", "CN=partner-root", rootKey.getPublic(), rootKey, true, null);
        X509Certificate outside = constrained("CN=intruder", "CN=partner-root", generator.generateKeyPair().getPublic(),
                rootKey, false, "admin.acme.internal");
        X509Certificate inside = constrained("CN=partner-svc", "CN=partner-root", generator.generateKeyPair().getPublic(),
                rootKey, false, "svc.partner.example");
        TrustVerifier verifier = verifier(root);

        assertThat(reason(verifier, forwarded(List.of(outside)))).contains(RefusalReason.UNTRUSTED_CHAIN);
        assertThat(reason(verifier, forwarded(List.of(outside, root)))).contains(RefusalReason.UNTRUSTED_CHAIN);
        assertThat(verifier.verify(forwarded(List.of(inside)), NOW)).isEmpty();
    }

    /** A root permitted only {@code partner.example} names when {@code ca}, else a client with DNS SAN {@code dns}. */
    static X509Certificate constrained(String subject, String issuer, PublicKey subjectKey, KeyPair issuerKey,
                                       boolean ca, String dns) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(subject.hashCode() & 0xffff), Date.from(NOW.minusSeconds(3600)),
                Date.from(NOW.plus(Duration.ofDays(1))), new X500Name(subject), subjectKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.nameConstraints, true, new NameConstraints(new GeneralSubtree[] {
                    new GeneralSubtree(new GeneralName(GeneralName.dNSName, "partner.example"))}, null));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }
}
