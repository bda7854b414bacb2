package dev.certgate;

/**
 * Why no usable certificate was found: answered with 401. The {@linkplain #code() code} is stable
 * and goes to the server log, never to the client.
 */
public enum MissingReason {
    /** No source yielded a certificate. */
    NO_CERTIFICATE("no-certificate"),
    /** A forwarded-certificate header came from a peer outside {@code certgate.trusted-proxies}. */
    UNTRUSTED_PEER("untrusted-peer"),
    /** A forwarded-certificate header could not be parsed. */
    MALFORMED("malformed"),
    /** A forwarded-certificate header was larger than {@code certgate.max-header-bytes}. */
    OVERSIZE("oversize");

    private final String code;

    MissingReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
