package dev.certgate.source;

import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;

/** STUB — being written: reads RFC 9440 Client-Cert and Client-Cert-Chain. */
public final class ClientCertReader implements CertificateReader {

    public ClientCertReader(HeaderNames names, ProxyGate gate) {
        throw new UnsupportedOperationException("not available in this release");
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.CLIENT_CERT;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        return Resolution.Absent.NONE;
    }
}
