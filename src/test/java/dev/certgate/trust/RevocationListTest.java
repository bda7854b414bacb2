package dev.certgate.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import dev.certgate.demo.Pki;
import dev.certgate.testing.LogCapture;
import dev.certgate.testing.OpensslCa;
import dev.certgate.source.CertificateCache.CacheSettings;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation by real CRLs that {@code openssl ca -gencrl} made, for a root → issuing CA → leaves
 * PKI minted with BouncyCastle: listed leaves and CAs refused, stale and wrongly signed CRLs
 * never silently passing, files reloaded when they change and kept when the change is bad.
 */
class RevocationListTest {

    @TempDir
    static Path dir;

    static Pki.Issued root;
    static Pki.Issued issuing;
    static Pki.Issued good;
    static Pki.Issued revoked;
    static OpensslCa rootCa;
    static OpensslCa issuingCa;
    static Path rootCrl;
    static Path issuingCrl;

    @BeforeAll
    static void pki() throws Exception {
        root = Pki.root("CN=crl-root,O=Acme").build();
        issuing = root.issue("CN=crl-issuing,O=Acme").ca(true).build();
        good = issuing.issue("CN=svc-good,O=Acme").uri("spiffe://acme/svc-good").build();
        revoked = issuing.issue("CN=svc-revoked,O=Acme").uri("spiffe://acme/svc-revoked").build();
        rootCa = OpensslCa.of(root, dir.resolve("root"));
        issuingCa = OpensslCa.of(issuing, dir.resolve("issuing")).valid(good).revoke(revoked);
        rootCrl = rootCa.crl("root.crl.pem", 24);
        issuingCrl = issuingCa.crl("issuing.crl.pem", 24);
    }

    static TrustVerifier verifier(List<Path> crls, Duration refresh, StaleCrl whenStale) {
        return TrustVerifier.of(TrustSettings.anchoredAt(List.of(root.certificate())).withCrls(crls, refresh, whenStale),
                CacheSettings.DEFAULTS);
    }

    static TrustVerifier verifier(Path... crls) {
        return verifier(List.of(crls), TrustSettings.DEFAULT_CRL_REFRESH, StaleCrl.REFUSE);
    }

    static ClientCertificate forwarded(Pki.Issued issued) {
        return CertificateNormalizer.normalize(issued.chain(), CertificateSource.XFCC, true);
    }

    static Optional<RefusalReason> reason(TrustVerifier verifier, Pki.Issued issued, Instant at) {
        return verifier.verify(forwarded(issued), at).map(TrustFailure::reason);
    }

    @Test
    void verifyWhenCrlListsTheLeafThenRevoked() {
        TrustVerifier verifier = verifier(rootCrl, issuingCrl);
        Optional<TrustFailure> failure = verifier.verify(forwarded(revoked), Instant.now());

        assertThat(failure).map(TrustFailure::reason).contains(RefusalReason.REVOKED);
        assertThat(failure.orElseThrow().detail()).contains(revoked.certificate().getSerialNumber().toString(16),
                "issuing.crl.pem", "KEY_COMPROMISE");
        assertThat(verifier.verify(forwarded(good), Instant.now())).isEmpty();
    }

    @Test
    void verifyWhenCrlIsDerThenSameAnswers() throws Exception {
        TrustVerifier verifier = verifier(issuingCa.der(issuingCrl, "issuing.crl.der"));

        assertThat(reason(verifier, revoked, Instant.now())).contains(RefusalReason.REVOKED);
        assertThat(reason(verifier, good, Instant.now())).isEmpty();
    }

    @Test
    void verifyWhenNoCrlOfTheLeafsIssuerThenRevocationUnknown() {
        // only the root's CRL: it answers for the issuing CA, nobody answers for the leaf
        Optional<TrustFailure> failure = verifier(rootCrl).verify(forwarded(good), Instant.now());

        assertThat(failure).map(TrustFailure::reason).contains(RefusalReason.REVOCATION_UNKNOWN);
        assertThat(failure.orElseThrow().detail()).contains("no CRL of CN=crl-issuing,O=Acme");
    }

    @Test
    void verifyWhenRootCrlListsTheIssuingCaThenEveryLeafRevoked() throws Exception {
        OpensslCa other = OpensslCa.of(root, dir.resolve("root-revoking")).revoke(issuing);
        TrustVerifier verifier = verifier(other.crl("root-revoking.crl.pem", 24), issuingCrl);

        Optional<TrustFailure> failure = verifier.verify(forwarded(good), Instant.now());

        assertThat(failure).map(TrustFailure::reason).contains(RefusalReason.REVOKED);
        assertThat(failure.orElseThrow().detail()).contains(issuing.certificate().getSerialNumber().toString(16));
    }

    @Test
    void verifyWhenCrlPastNextUpdateThenRevocationUnknownByDefault() {
        Instant tomorrow = Instant.now().plus(Duration.ofHours(25));
        Optional<TrustFailure> failure = verifier(rootCrl, issuingCrl).verify(forwarded(good), tomorrow);

        assertThat(failure).map(TrustFailure::reason).contains(RefusalReason.REVOCATION_UNKNOWN);
        assertThat(failure.orElseThrow().detail()).contains("past its nextUpdate");
    }

    @Test
    void verifyWhenCrlPastNextUpdateAndWarnThenStillUsed() {
        Instant tomorrow = Instant.now().plus(Duration.ofHours(25));
        TrustVerifier verifier = verifier(List.of(rootCrl, issuingCrl), TrustSettings.DEFAULT_CRL_REFRESH, StaleCrl.WARN);

        assertThat(reason(verifier, good, tomorrow)).isEmpty();
        assertThat(reason(verifier, revoked, tomorrow)).contains(RefusalReason.REVOKED);
    }

    @Test
    void loadWhenCrlNamesAnAnchorButAnotherKeySignedItThenFails() throws Exception {
        Pki.Issued impostor = Pki.root("CN=crl-root,O=Acme").build(); // the root's name, another key
        Path forged = OpensslCa.of(impostor, dir.resolve("impostor-root")).crl("forged-root.crl.pem", 24);

        assertThatThrownBy(() -> verifier(forged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forged-root.crl.pem").hasMessageContaining("not signed by the trust anchor");
    }

    @Test
    void verifyWhenIssuingCaCrlSignedByAnotherKeyThenRevocationUnknown() throws Exception {
        // the issuing CA is no anchor, so its CRL can only be checked against the path: it fails there
        Pki.Issued impostor = Pki.root("CN=crl-issuing,O=Acme").build();
        Path forged = OpensslCa.of(impostor, dir.resolve("impostor-issuing")).crl("forged-issuing.crl.pem", 24);

        Optional<TrustFailure> failure = verifier(rootCrl, forged).verify(forwarded(revoked), Instant.now());

        assertThat(failure).map(TrustFailure::reason).contains(RefusalReason.REVOCATION_UNKNOWN);
        assertThat(failure.orElseThrow().detail()).contains("verifies with the issuing CA's key");
    }

    @Test
    void verifyWhenCrlFileChangesThenReloadedAfterTheRefreshInterval() throws Exception {
        OpensslCa ca = OpensslCa.of(issuing, dir.resolve("reload")).valid(good);
        Path crl = ca.crl("reload.crl.pem", 24);
        TrustVerifier verifier = verifier(List.of(crl), Duration.ofSeconds(30), StaleCrl.REFUSE);
        Instant t0 = Instant.now();
        assertThat(reason(verifier, good, t0)).isEmpty();

        ca.revoke(good);
        replace(ca.crl("reload-next.crl.pem", 24), crl);

        assertThat(reason(verifier, good, t0.plusSeconds(10))).as("within the refresh interval").isEmpty();
        assertThat(reason(verifier, good, t0.plusSeconds(31))).contains(RefusalReason.REVOKED);
    }

    @Test
    void verifyWhenReloadedFileIsGarbageThenTheLastGoodCrlsStay() throws Exception {
        Path crl = copy(issuingCrl, "garbage-later.crl.pem");
        TrustVerifier verifier = verifier(List.of(crl), Duration.ofSeconds(1), StaleCrl.REFUSE);
        Instant t0 = Instant.now();
        assertThat(reason(verifier, revoked, t0)).contains(RefusalReason.REVOKED);

        Files.writeString(crl, "-----BEGIN X509 CRL-----\nMIIB\n-----END X509 CRL-----\n");
        try (LogCapture log = LogCapture.start()) {
            assertThat(reason(verifier, revoked, t0.plusSeconds(2))).contains(RefusalReason.REVOKED);
            assertThat(reason(verifier, good, t0.plusSeconds(3))).isEmpty();
            assertThat(log.records()).filteredOn(r -> r.getLevel() == java.util.logging.Level.WARNING)
                    .singleElement().satisfies(r -> assertThat(r.getMessage())
                            .contains("garbage-later.crl.pem changed but is not used", "stay in use"));
        }

        Files.delete(crl);
        assertThat(reason(verifier, revoked, t0.plusSeconds(4))).contains(RefusalReason.REVOKED);

        OpensslCa ca = OpensslCa.of(issuing, dir.resolve("after-garbage")).revoke(revoked).revoke(good);
        replace(ca.crl("after-garbage-next.crl.pem", 24), crl);
        assertThat(reason(verifier, good, t0.plusSeconds(6))).as("a good file again is used").contains(RefusalReason.REVOKED);
    }

    @Test
    void verifyWhenReloadedCrlIsOlderThanTheOneInUseThenKept() throws Exception {
        Path crl = copy(issuingCrl, "rollback.crl.pem");
        TrustVerifier verifier = verifier(List.of(crl), Duration.ofSeconds(1), StaleCrl.REFUSE);
        Instant t0 = Instant.now();
        assertThat(reason(verifier, revoked, t0)).contains(RefusalReason.REVOKED);

        // an older, signed CRL of the same CA that does not list anyone yet: a replay
        OpensslCa empty = OpensslCa.of(issuing, dir.resolve("rollback-old"));
        replace(empty.crl("old.crl.pem", t0.minus(Duration.ofHours(2)), t0.plus(Duration.ofHours(20))), crl);

        assertThat(reason(verifier, revoked, t0.plusSeconds(2))).contains(RefusalReason.REVOKED);
    }

    @Test
    void verifyWhenReloadedCrlSignedByAnotherKeyThenKept() throws Exception {
        Path crl = copy(issuingCrl, "rekeyed.crl.pem");
        TrustVerifier verifier = verifier(List.of(crl), Duration.ofSeconds(1), StaleCrl.REFUSE);
        Instant t0 = Instant.now();
        assertThat(reason(verifier, revoked, t0)).contains(RefusalReason.REVOKED);

        Pki.Issued impostor = Pki.root("CN=crl-issuing,O=Acme").build();
        replace(OpensslCa.of(impostor, dir.resolve("rekeyed")).crl("impostor.crl.pem", 24), crl);

        assertThat(reason(verifier, revoked, t0.plusSeconds(2))).contains(RefusalReason.REVOKED);
        assertThat(reason(verifier, good, t0.plusSeconds(2))).isEmpty();
    }

    @Test
    void loadWhenFileIsNoCrlThenFailsNamingIt() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.crl"), "not a CRL");
        Path certificate = Pki.writePem(dir.resolve("a-certificate.pem"), good.certificate());

        assertThatThrownBy(() -> verifier(garbage)).hasMessageContaining("garbage.crl").hasMessageContaining("not a CRL file");
        assertThatThrownBy(() -> verifier(certificate)).hasMessageContaining("a-certificate.pem");
        assertThatThrownBy(() -> verifier(dir.resolve("missing.crl"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> verifier(Files.writeString(dir.resolve("empty.crl"), ""))).hasMessageContaining("empty.crl");
    }

    @Test
    void loadWhenDeltaCrlThenFails() throws Exception {
        Path delta = bouncyCastleCrl("delta.crl.der", builder -> builder.addExtension(Extension.deltaCRLIndicator, true,
                new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE)));

        assertThatThrownBy(() -> verifier(delta)).hasMessageContaining("is a delta CRL");
    }

    @Test
    void loadWhenCrlScopedByIssuingDistributionPointThenFails() throws Exception {
        Path scoped = bouncyCastleCrl("scoped.crl.der", builder -> builder.addExtension(Extension.issuingDistributionPoint,
                true, new org.bouncycastle.asn1.x509.IssuingDistributionPoint(null, true, false)));

        assertThatThrownBy(() -> verifier(scoped)).hasMessageContaining("issuing distribution point");
    }

    @Test
    void loadWhenBouncyCastleSignedCompleteCrlThenAgreesWithOpenssl() throws Exception {
        Path plain = bouncyCastleCrl("bc.crl.der", builder -> builder.addCRLEntry(revoked.certificate().getSerialNumber(),
                new Date(), org.bouncycastle.asn1.x509.CRLReason.keyCompromise));

        assertThat(reason(verifier(rootCrl, plain), revoked, Instant.now())).contains(RefusalReason.REVOKED);
        assertThat(reason(verifier(rootCrl, plain), good, Instant.now())).isEmpty();
    }

    private interface CrlCustomizer {
        void customize(X509v2CRLBuilder builder) throws Exception;
    }

    /** A CRL of the issuing CA signed by BouncyCastle, for shapes {@code openssl ca} does not make. */
    private static Path bouncyCastleCrl(String name, CrlCustomizer customizer) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(issuing.certificate().getSubjectX500Principal().getEncoded()), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        customizer.customize(builder);
        byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuing.key())).getEncoded();
        return Files.write(dir.resolve(name), der);
    }

    private static Path copy(Path from, String name) throws Exception {
        return Files.copy(from, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Replaces {@code target} by {@code source} the way a CRL publisher should: a rename. */
    private static void replace(Path source, Path target) throws Exception {
        Path staged = Files.copy(source, target.resolveSibling(target.getFileName() + ".new"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
