package dev.certgate.source;

import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;

/** STUB — being written: reads Traefik's X-Forwarded-Tls-Client-Cert and -Info. */
public final class TraefikReader implements CertificateReader {

    public TraefikReader(HeaderNames names, ProxyGate gate) {
        throw new UnsupportedOperationException("not available in this release");
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.TRAEFIK;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        return Resolution.Absent.NONE;
    }
}
