package dev.certgate;

/**
 * Why a presented certificate was refused: answered with 403. The {@linkplain #code() code} is
 * stable and goes to the server log and events, never to the client.
 */
public enum RefusalReason {
    /** {@code require-verified} is on and the TLS terminator did not verify the certificate. */
    UNVERIFIED("unverified"),
    /**
     * The certificate's key usage or extended key usage rules out TLS client authentication (a CA
     * certificate used as a leaf, a server-only certificate), so it cannot have authenticated the
     * connection it is said to come from.
     */
    NOT_FOR_CLIENT_AUTH("not-for-client-auth"),
    /** {@code check-validity} is on and the certificate's notAfter has passed. */
    EXPIRED("expired"),
    /** {@code check-validity} is on and the certificate's notBefore is still ahead. */
    NOT_YET_VALID("not-yet-valid"),
    /** The subject CN is not in {@code allow.subject-cns}. */
    SUBJECT_CN_NOT_ALLOWED("subject-cn-not-allowed"),
    /** The issuer CN is not in {@code allow.issuer-cns}. */
    ISSUER_CN_NOT_ALLOWED("issuer-cn-not-allowed"),
    /** The fingerprint is not in {@code allow.fingerprints}. */
    FINGERPRINT_NOT_ALLOWED("fingerprint-not-allowed"),
    /** No SAN is in {@code allow.sans}. */
    SAN_NOT_ALLOWED("san-not-allowed"),
    /** A custom {@link dev.certgate.policy.CertificateCheck} answered false or failed. */
    CUSTOM_CHECK("custom-check"),
    /** The certificate has nothing {@code certgate.principal} can name the caller by. */
    NO_CALLER_NAME("no-caller-name"),
    /** A forwarded-certificate header was sent more than once. */
    DUPLICATE_HEADER("duplicate-header"),
    /** A forwarded hash of the certificate disagrees with the certificate itself. */
    HASH_MISMATCH("hash-mismatch"),
    /**
     * What a proxy forwarded about a certificate (serial number, names, validity) disagrees with
     * the certificate it forwarded alongside (AWS ALB verify mode, Traefik's {@code -Info}).
     */
    METADATA_MISMATCH("metadata-mismatch"),
    /**
     * A forwarded-certificate header the configured proxy mode never sends: say an AWS ALB
     * passthrough header while {@code certgate.aws-alb.mode=verify}, or the other way round.
     */
    UNEXPECTED_HEADER("unexpected-header"),
    /** {@code certgate.trust.anchors} is set and no valid PKIX path leads from the certificate to an anchor. */
    UNTRUSTED_CHAIN("untrusted-chain"),
    /** {@code certgate.trust.anchors} is set and the source carried no certificate to verify (a hash or DN only). */
    NOT_REVERIFIABLE("not-reverifiable"),
    /** A configured CRL lists a certificate of the path, or the OCSP responder reports the leaf revoked. */
    REVOKED("revoked"),
    /** Revocation is configured but could not answer for the certificate (and soft-fail did not apply). */
    REVOCATION_UNKNOWN("revocation-unknown"),
    /** The application's identity store did not validate the caller the certificate names. */
    IDENTITY_STORE("identity-store");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
