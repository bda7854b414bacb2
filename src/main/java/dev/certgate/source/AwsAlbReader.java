package dev.certgate.source;

import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;

/** STUB — being written: reads the AWS Application Load Balancer's X-Amzn-Mtls-Clientcert headers. */
public final class AwsAlbReader implements CertificateReader {

    public AwsAlbReader(HeaderNames names, ProxyGate gate) {
        throw new UnsupportedOperationException("not available in this release");
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.AWS_ALB;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        return Resolution.Absent.NONE;
    }
}
