package dev.certgate.source;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateSource;
import java.util.ArrayList;
import java.util.List;

/** Builds the readers {@code certgate.sources} lists, in order, from validated settings. */
public final class CertificateReaders {

    private CertificateReaders() {
    }

    /**
     * The resolver for {@code settings.sources()}.
     *
     * @throws IllegalArgumentException when a listed source has no reader in this release
     */
    public static CertificateResolver resolver(CertgateSettings settings) {
        List<CertificateReader> readers = new ArrayList<>();
        for (CertificateSource source : settings.sources()) {
            readers.add(reader(source));
        }
        return new CertificateResolver(readers);
    }

    private static CertificateReader reader(CertificateSource source) {
        if (source == CertificateSource.NATIVE) {
            return new NativeReader();
        }
        throw new IllegalArgumentException("'" + source.configName() + "' is not available in this release;"
                + " use native");
    }
}
