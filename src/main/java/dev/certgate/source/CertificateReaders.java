package dev.certgate.source;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds the readers {@code certgate.sources} lists, in order, from validated settings. */
public final class CertificateReaders {

    private CertificateReaders() {
    }

    /** The resolver for {@code settings.sources()}: one reader per source, in order, sharing one {@link ProxyGate}. */
    public static CertificateResolver resolver(CertgateSettings settings) {
        ProxyGate gate = new ProxyGate(settings.trustedProxies(), settings.maxHeaderBytes());
        List<CertificateReader> readers = new ArrayList<>();
        for (CertificateSource source : settings.sources()) {
            readers.add(reader(source, settings.headers(), gate, settings.cache()));
        }
        return new CertificateResolver(readers);
    }

    private static CertificateReader reader(CertificateSource source, HeaderNames names, ProxyGate gate,
                                            CertificateCache.CacheSettings cache) {
        return switch (source) {
            case NATIVE -> new NativeReader(new CertificateCache<>(cache, Clock.systemUTC()));
            case XFCC -> new XfccReader(names, gate, new CertificateCache<>(cache, Clock.systemUTC()));
            case CLIENT_CERT -> new ClientCertReader(names, gate, new CertificateCache<>(cache, Clock.systemUTC()));
            case HEADERS -> new HeadersReader(names, gate, cache);
            case TRAEFIK -> new TraefikReader(names, gate, cache);
            case AWS_ALB -> new AwsAlbReader(names, gate, cache);
        };
    }
}
