package dev.certgate.source;

import dev.certgate.CertificateRequest;
import dev.certgate.MissingReason;
import java.util.List;

/**
 * Asks each configured source in {@code certgate.sources} order; the first that finds a
 * certificate wins. A malformed or refused input stops the search at once. When nothing is
 * found, the answer says whether a header was ignored because its sender is not a trusted proxy.
 *
 * <p>Once per request: the answer is kept with the request ({@link CertificateRequest#remember},
 * under {@value #RESOLUTION}) and given again to every later question about the same request to
 * this same resolver, so the Jakarta Security mechanism, the token binding and the JAX-RS guard of
 * one application resolve a request's certificate once. Another resolver (another application's,
 * other sources) reads the request again.
 */
public final class CertificateResolver {

    /** The request value holding a request's resolution; certgate's own, never set by a client. */
    public static final String RESOLUTION = "dev.certgate.resolution";

    /** A resolution and the resolver that made it. */
    private record Resolved(CertificateResolver by, Resolution resolution) {
    }

    private final List<CertificateReader> readers;
    // whether any request has been given a resolution of this resolver's to keep: until then none
    // holds one, and a request is not asked for it (a request value looked up in vain costs more
    // than this flag); set before the first is kept, never cleared
    private volatile boolean kept;

    public CertificateResolver(List<CertificateReader> readers) {
        if (readers.isEmpty()) {
            throw new IllegalArgumentException("at least one certificate source is needed");
        }
        this.readers = List.copyOf(readers);
    }

    /** The readers, in the order they are asked. */
    public List<CertificateReader> readers() {
        return readers;
    }

    /** The request's certificate, from the sources, or as this resolver found it earlier in the same request. */
    public Resolution resolve(CertificateRequest request) {
        return resolve(request, Keep.FOR_LATER_CHECKS);
    }

    /**
     * As {@link #resolve(CertificateRequest)}; with {@link Keep#NOT_KEPT} an answer read from the
     * sources is not kept with the request, for a check after which none that asks usually follows
     * (the JAX-RS guard): a request value written per request that no one reads costs more than
     * a rare later check reading the sources again (a cache lookup for a repeated caller).
     */
    public Resolution resolve(CertificateRequest request, Keep keep) {
        if (kept && request.recall(RESOLUTION) instanceof Resolved earlier && earlier.by() == this) {
            return earlier.resolution();
        }
        Resolution resolution = read(request);
        if (keep == Keep.FOR_LATER_CHECKS) {
            if (!kept) {
                kept = true; // before the request holds it: whoever is handed the request sees the flag set
            }
            request.remember(RESOLUTION, new Resolved(this, resolution));
        }
        return resolution;
    }

    /** Whether a resolution read from the sources is kept with the request for later checks. */
    public enum Keep {
        /** Kept: later checks of the request (the JAX-RS guard after the mechanism) reuse it. */
        FOR_LATER_CHECKS,
        /** Not kept: a later check reads the sources again. An earlier check's answer is still used. */
        NOT_KEPT
    }

    private Resolution read(CertificateRequest request) {
        Resolution.Absent absent = Resolution.Absent.NONE;
        for (int i = 0; i < readers.size(); i++) { // by index: no iterator per request
            Resolution resolution = readers.get(i).read(request);
            if (resolution instanceof Resolution.Absent a) {
                if (a.reason() == MissingReason.UNTRUSTED_PEER) {
                    absent = a;
                }
                continue;
            }
            return resolution;
        }
        return absent;
    }
}
