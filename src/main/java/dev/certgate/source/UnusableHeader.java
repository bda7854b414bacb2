package dev.certgate.source;

import java.util.Objects;

/**
 * Carries what to answer out of a {@link CertificateCache} compute function, where a checked
 * {@link MalformedHeaderException} cannot go; readers catch it and answer its resolution. Never
 * escapes a reader.
 */
final class UnusableHeader extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient Resolution resolution;

    UnusableHeader(Resolution resolution) {
        super(null, null, false, false);
        this.resolution = Objects.requireNonNull(resolution, "resolution");
    }

    static UnusableHeader malformed(String detail) {
        return new UnusableHeader(new Resolution.Malformed(dev.certgate.MissingReason.MALFORMED, detail));
    }

    static UnusableHeader refused(dev.certgate.RefusalReason reason, String detail) {
        return new UnusableHeader(new Resolution.Refused(reason, detail));
    }

    Resolution resolution() {
        return resolution;
    }
}
