package dev.certgate.source;

import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;

/** STUB — being written: reads Envoy's x-forwarded-client-cert (certgate.xfcc.*). */
public final class XfccReader implements CertificateReader {

    public XfccReader(HeaderNames names, ProxyGate gate) {
        throw new UnsupportedOperationException("not available in this release");
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.XFCC;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        return Resolution.Absent.NONE;
    }
}
