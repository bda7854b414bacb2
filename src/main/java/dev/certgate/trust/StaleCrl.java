package dev.certgate.trust;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a CRL past its {@code nextUpdate} (RFC 5280 section 5.1.2.5) means: its issuer has
 * promised newer information by then, so the list in hand may miss revocations since.
 */
public enum StaleCrl {
    /** Status unknown: every certificate the CRL would answer for is refused ({@code revocation-unknown}). */
    REFUSE("refuse"),
    /** The stale list is still used (revoked entries refuse, others pass); a warning is logged once per CRL. */
    WARN("warn");

    private final String configName;

    StaleCrl(String configName) {
        this.configName = configName;
    }

    /** The value of {@code certgate.trust.crls.when-stale}. */
    public String configName() {
        return configName;
    }

    public static Optional<StaleCrl> fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.configName.equals(wanted)).findFirst();
    }
}
