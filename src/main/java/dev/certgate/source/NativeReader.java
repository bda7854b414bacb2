package dev.certgate.source;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate of the TLS handshake itself. The TLS layer verified the chain against its
 * trust store before the request existed, so the result is {@code verified}.
 */
public final class NativeReader implements CertificateReader {

    private final CertificateCache<X509Certificate> cache;

    /** Without a cache: every request normalizes its certificate. */
    public NativeReader() {
        this(new CertificateCache<>(CertificateCache.CacheSettings.OFF, java.time.Clock.systemUTC()));
    }

    /**
     * With {@code cache}, keyed by the leaf: a TLS session hands over the same certificate object
     * on every request, whose hash the JDK computes once, so a repeated caller costs a lookup.
     */
    public NativeReader(CertificateCache<X509Certificate> cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

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
        ClientCertificate certificate = cache.find(present.get(0));
        if (certificate == null) {
            certificate = CertificateNormalizer.normalize(present, CertificateSource.NATIVE, true);
            cache.put(present.get(0), certificate);
        } else if (!certificate.chain().equals(present)) {
            // same leaf, other intermediates (a cross-signed path): report the chain this request has
            certificate = CertificateNormalizer.normalize(present, CertificateSource.NATIVE, true);
        }
        return new Resolution.Found(certificate);
    }
}
