package dev.certgate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a client certificate came from: the TLS handshake itself, or a header set by a
 * TLS-terminating proxy. The {@linkplain #configName() configuration name} is what
 * {@code certgate.sources} lists.
 */
public enum CertificateSource {
    /** The TLS layer of this server verified the chain (servlet attribute or embedded equivalent). */
    NATIVE("native"),
    /** Envoy / Istio {@code X-Forwarded-Client-Cert}. */
    XFCC("xfcc"),
    /** RFC 9440 {@code Client-Cert} / {@code Client-Cert-Chain}. */
    CLIENT_CERT("client-cert"),
    /** Operator-named headers, nginx / HAProxy / Apache style. */
    HEADERS("headers"),
    /** Traefik {@code X-Forwarded-Tls-Client-Cert}. */
    TRAEFIK("traefik"),
    /** AWS Application Load Balancer {@code X-Amzn-Mtls-Clientcert}. */
    AWS_ALB("aws-alb");

    private final String configName;

    CertificateSource(String configName) {
        this.configName = configName;
    }

    /** The name used in {@code certgate.sources}, e.g. {@code client-cert}. */
    public String configName() {
        return configName;
    }

    /** True for every source that reads request headers, and so needs a trusted proxy. */
    public boolean forwarded() {
        return this != NATIVE;
    }

    /** The source with this configuration name (case-insensitive), if any. */
    public static Optional<CertificateSource> fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.configName.equals(wanted)).findFirst();
    }
}
