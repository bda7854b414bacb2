package dev.certgate.config;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.demo.Pki.Issued;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real SmallRye configurations made of a properties source (ordinal 100, named {@value #PROPERTIES})
 * and an environment source (ordinal 300) fed from a map, so the process environment never leaks in.
 */
final class TestConfigs {

    /** The name given to the properties source. */
    static final String PROPERTIES = "test";

    private TestConfigs() {
    }

    /** {@code "k1", "v1", "k2", "v2", ...} as an ordered map. */
    static Map<String, String> map(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static SmallRyeConfig config(Map<String, String> properties) {
        return config(properties, Map.of());
    }

    static SmallRyeConfig config(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, PROPERTIES, 100), new EnvConfigSource(environment, 300))
                .build();
    }

    static CertgateSettings load(String... keysAndValues) {
        return CertgateConfigLoader.load(config(map(keysAndValues)));
    }

    static CertgateSettings loadEnvironment(String... keysAndValues) {
        return CertgateConfigLoader.load(config(Map.of(), map(keysAndValues)));
    }

    /** {@code issued} as the native TLS layer presents it: verified. */
    static ClientCertificate verified(Issued issued) {
        return CertificateNormalizer.normalize(issued.chainArray(), CertificateSource.NATIVE, true);
    }

    /** {@code issued} as a source that could not vouch for it presents it. */
    static ClientCertificate unverified(Issued issued) {
        return CertificateNormalizer.normalize(issued.chainArray(), CertificateSource.NATIVE, false);
    }
}
