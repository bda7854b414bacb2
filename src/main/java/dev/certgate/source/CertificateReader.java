package dev.certgate.source;

import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;

/**
 * One place a client certificate can come from. Implementations are immutable, thread-safe and
 * never throw for anything a client or proxy can send: every failure is a {@link Resolution}.
 */
public interface CertificateReader {

    /** Which source this reads. */
    CertificateSource source();

    /** Looks for a certificate on {@code request}. */
    Resolution read(CertificateRequest request);
}
