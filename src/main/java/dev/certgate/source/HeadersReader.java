package dev.certgate.source;

import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;

/** STUB — being written: reads operator-named headers, nginx / HAProxy / Apache style (certgate.headers.*). */
public final class HeadersReader implements CertificateReader {

    public HeadersReader(HeaderNames names, ProxyGate gate) {
        throw new UnsupportedOperationException("not available in this release");
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.HEADERS;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        return Resolution.Absent.NONE;
    }
}
