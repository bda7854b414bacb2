package dev.certgate.source;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate of the TLS handshake itself. The TLS layer verified the chain against its
 * trust store before the request existed, so the result is {@code verified}.
 */
public final class NativeReader implements CertificateReader {

    @Override
    public CertificateSource source() {
        return CertificateSource.NATIVE;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        List<X509Certificate> chain = request.nativeChain();
        if (chain == null || chain.isEmpty() || chain.get(0) == null) {
            return Resolution.Absent.NONE;
        }
        List<X509Certificate> present = chain;
        for (X509Certificate certificate : chain) {
            if (certificate == null) {
                // a container handing over holes in the chain: keep what is there, never throw
                present = chain.stream().filter(Objects::nonNull).toList();
                break;
            }
        }
        return new Resolution.Found(CertificateNormalizer.normalize(present, CertificateSource.NATIVE, true));
    }
}
