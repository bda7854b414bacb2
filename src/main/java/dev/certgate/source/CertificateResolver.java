package dev.certgate.source;

import dev.certgate.CertificateRequest;
import dev.certgate.MissingReason;
import java.util.List;

/**
 * Asks each configured source in {@code certgate.sources} order; the first that finds a
 * certificate wins. A malformed or refused input stops the search at once. When nothing is
 * found, the answer says whether a header was ignored because its sender is not a trusted proxy.
 */
public final class CertificateResolver {

    private final List<CertificateReader> readers;

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

    public Resolution resolve(CertificateRequest request) {
        Resolution.Absent absent = Resolution.Absent.NONE;
        for (CertificateReader reader : readers) {
            Resolution resolution = reader.read(request);
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
