package dev.certgate.binding;

/**
 * Why a token failed its certificate binding: answered with 401 and
 * {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 8705 section 3, RFC 6750 section 3.1).
 * The {@linkplain #code() code} is stable and goes to the server log, never to the client.
 */
public enum BindingFailure {
    /** The token is bound to another certificate than the one on this request. */
    MISMATCH("mismatch"),
    /** The token is bound, and this request has no usable certificate (or one without a known SHA-256). */
    NO_CERTIFICATE("no-certificate"),
    /** The token's {@code cnf} claim is not a checkable certificate confirmation. */
    MALFORMED_CNF("malformed-cnf"),
    /** {@code certgate.token-binding=required} and the token is not bound. */
    UNBOUND("unbound");

    private final String code;

    BindingFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
