package dev.certgate.source;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.MissingReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 9440 ({@code client-cert}): {@code Client-Cert} is an sf-binary Item holding the client's
 * DER certificate (§2.2), {@code Client-Cert-Chain} an sf-list of sf-binary, the certificates
 * that validate it, leaf excluded (§2.3); parameters on either are allowed and ignored. A chain
 * without a certificate is malformed (§2.3: it MUST NOT be sent alone). The proxy sends these
 * only for a certificate it validated (§2, §4), so the result is {@code verified}. Every violation
 * is its own named failure; nothing a client or proxy sends makes this throw.
 */
public final class ClientCertReader implements CertificateReader {

    static final String CLIENT_CERT = "Client-Cert";
    static final String CLIENT_CERT_CHAIN = "Client-Cert-Chain";
    private static final String[] HEADERS = {CLIENT_CERT, CLIENT_CERT_CHAIN};

    private final ProxyGate gate;
    private final CertificateCache<String> cache;

    public ClientCertReader(HeaderNames names, ProxyGate gate) {
        this(names, gate, new CertificateCache<>(CertificateCache.CacheSettings.OFF, Clock.systemUTC()));
    }

    /** With {@code cache}, keyed by the {@code Client-Cert} value when no chain is sent. */
    public ClientCertReader(HeaderNames names, ProxyGate gate, CertificateCache<String> cache) {
        this.gate = gate;
        this.cache = cache;
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.CLIENT_CERT;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        Optional<Resolution> refused = gate.admit(request, CertificateSource.CLIENT_CERT, HEADERS);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            String cert = gate.value(request, CLIENT_CERT);
            String chain = gate.value(request, CLIENT_CERT_CHAIN);
            if (cert == null) {
                return malformed(CLIENT_CERT_CHAIN + " without " + CLIENT_CERT + " (RFC 9440 §2.3)");
            }
            if (chain == null) {
                return new Resolution.Found(cache.get(cert, value -> normalize(value, null)));
            }
            return new Resolution.Found(normalize(cert, chain));
        } catch (ProxyGate.HeaderProblem problem) {
            return problem.resolution();
        } catch (Unusable e) {
            return malformed(e.getMessage());
        } catch (RuntimeException e) {
            return malformed(CLIENT_CERT + ": " + e);
        }
    }

    private static ClientCertificate normalize(String cert, String chain) {
        try {
            byte[] leafDer = StructuredFields.byteSequenceItem(cert);
            X509Certificate leaf = Certificates.fromDer(leafDer);
            if (chain == null) {
                return CertificateNormalizer.normalize(List.of(leaf), Certificates.fingerprint(leaf, leafDer),
                        CertificateSource.CLIENT_CERT, true);
            }
            List<X509Certificate> certificates = new ArrayList<>();
            certificates.add(leaf);
            for (byte[] der : StructuredFields.byteSequenceList(chain, Certificates.MAX_CHAIN - 1)) {
                certificates.add(Certificates.fromDer(der));
            }
            return CertificateNormalizer.normalize(certificates, Certificates.fingerprint(leaf, leafDer),
                    CertificateSource.CLIENT_CERT, true);
        } catch (MalformedHeaderException e) {
            throw new Unusable(e.getMessage());
        }
    }

    private static Resolution malformed(String detail) {
        return new Resolution.Malformed(MissingReason.MALFORMED, detail);
    }

    /** Carries a parse failure out of the cache's compute function. */
    private static final class Unusable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message, null, false, false);
        }
    }
}
