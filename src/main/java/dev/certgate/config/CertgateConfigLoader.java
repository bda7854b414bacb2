package dev.certgate.config;

import dev.certgate.CertgateSettings;
import org.eclipse.microprofile.config.Config;

/** STUB — being written: reads certgate.* from MicroProfile Config once at start-up. */
public final class CertgateConfigLoader {

    private CertgateConfigLoader() {
    }

    /**
     * Reads and validates every certgate key.
     *
     * @throws CertgateConfigException naming the first key whose value is wrong
     */
    public static CertgateSettings load(Config config) {
        return CertgateSettings.DEFAULTS;
    }
}
