package dev.certgate.binding;

/**
 * Why a token failed its certificate binding: answered with 401 and
 * {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 8705 section 3, RFC 6750 section 3.1).
 * The {@linkplain #code() code} is stable and goes to the audit log and events (as the
 * {@code reason} of a {@code token-binding} decision), never to the client; the
 * {@code token-binding-} prefix keeps it apart from the certificate codes ({@code no-certificate}, ...).
 */
public enum BindingFailure {
    /** The token is bound to another certificate than the one on this request. */
    MISMATCH("token-binding-mismatch"),
    /**
     * The token is bound, and this request has no usable certificate: none, one the sources could
     * not use (an untrusted peer's header, a malformed or duplicated one), one without a known
     * SHA-256, or one that re-verification by {@code certgate.trust.*} refused (untrusted, revoked).
     */
    NO_CERTIFICATE("token-binding-no-certificate"),
    /** The token's {@code cnf} claim is not a checkable certificate confirmation. */
    MALFORMED_CNF("token-binding-malformed-cnf"),
    /** {@code certgate.token-binding=required} and the token is not bound. */
    UNBOUND("token-binding-unbound");

    private final String code;

    BindingFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
