package dev.certgate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** {@code certgate.token-binding}: how RFC 8705 certificate-bound access tokens are enforced. */
public enum TokenBinding {
    /** Never checked. */
    OFF("off"),
    /** Checked whenever the token carries {@code cnf.x5t#S256} (the default). */
    WHEN_PRESENT("when-present"),
    /** Every token must be bound to the request's certificate. */
    REQUIRED("required");

    private final String configName;

    TokenBinding(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<TokenBinding> fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.configName.equals(wanted)).findFirst();
    }
}
