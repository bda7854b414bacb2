package dev.certgate.http;

import dev.certgate.Decision;

/**
 * The one place decisions become HTTP: the RFC 9457 problem answers, whatever adapter writes
 * them (the JAX-RS filter, the Jakarta Security mechanism). One body per status, whatever the
 * reason, so a response never tells a client why its certificate was refused; the reason goes to
 * the audit log ({@code dev.certgate.CertificateAuthenticator}).
 */
public enum Problem {

    /** 401: no usable client certificate (none, or a forwarded header that could not be used). */
    REQUIRED(401, "urn:certgate:problem:client-certificate-required", "Client certificate required"),
    /** 403: a certificate was presented and refused. */
    REFUSED(403, "urn:certgate:problem:client-certificate-refused", "Client certificate refused");

    /** RFC 9457 section 3 media type. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** {@code Cache-Control} of every problem answer: a refusal must not be cached and replayed. */
    public static final String CACHE_CONTROL = "no-store";

    private final int status;
    private final String body;

    Problem(int status, String type, String title) {
        this.status = status;
        this.body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status + "}";
    }

    /** The problem a refusing decision answers with; {@code null} for an accepted one. */
    public static Problem of(Decision decision) {
        if (decision instanceof Decision.Missing) {
            return REQUIRED;
        }
        return decision instanceof Decision.Refused ? REFUSED : null;
    }

    public int status() {
        return status;
    }

    /** The JSON body: {@code type}, {@code title}, {@code status}, nothing of the certificate. */
    public String body() {
        return body;
    }
}
