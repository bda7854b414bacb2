package dev.certgate.testing;

import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import java.time.Instant;
import java.util.List;

/**
 * Hand-built {@link ClientCertificate}s for tests that need exact field values without minting a
 * certificate (the way a DN-only header source builds them). Start from {@link #builder()}.
 */
public final class ClientCertificates {

    /** A fingerprint that is 64 hex digits and belongs to no real certificate. */
    public static final String FINGERPRINT = "AB".repeat(32);

    private ClientCertificates() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: CN=svc-a,O=Acme issued by acme-issuing, verified, valid 2026-01-01 .. 2027-01-01. */
    public static final class Builder {
        private String subjectDN = "CN=svc-a,O=Acme";
        private String subjectCN = "svc-a";
        private String issuerDN = "CN=acme-issuing,O=Acme";
        private String issuerCN = "acme-issuing";
        private String serial = "01";
        private String fingerprint = FINGERPRINT;
        private List<String> sans = List.of("URI:spiffe://acme/svc-a");
        private Instant notBefore = Instant.parse("2026-01-01T00:00:00Z");
        private Instant notAfter = Instant.parse("2027-01-01T00:00:00Z");
        private boolean verified = true;
        private CertificateSource source = CertificateSource.NATIVE;

        private Builder() {
        }

        public Builder subject(String dn, String cn) {
            this.subjectDN = dn;
            this.subjectCN = cn;
            return this;
        }

        public Builder issuerCN(String cn) {
            this.issuerCN = cn;
            return this;
        }

        public Builder fingerprint(String fingerprint) {
            this.fingerprint = fingerprint;
            return this;
        }

        public Builder sans(String... sans) {
            this.sans = List.of(sans);
            return this;
        }

        public Builder validity(Instant notBefore, Instant notAfter) {
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        public Builder verified(boolean verified) {
            this.verified = verified;
            return this;
        }

        public Builder source(CertificateSource source) {
            this.source = source;
            return this;
        }

        public ClientCertificate build() {
            return new ClientCertificate(subjectDN, subjectCN, issuerDN, issuerCN, serial, fingerprint, sans,
                    notBefore, notAfter, verified, source, null, List.of());
        }
    }
}
