package dev.certgate.source;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What Traefik's TLS options say about client certificates ({@code tls.options.NAME.clientAuth.clientAuthType}),
 * as the operator declares it in {@code certgate.traefik.client-auth-type}. Traefik's
 * {@code passTLSClientCert} headers carry no verification result, so this decides whether a
 * {@code traefik} certificate is {@code verified}: only in the two modes where Traefik checks the
 * chain against its {@code clientAuth.caFiles} (Go's {@code tls.ClientAuthType} of the same names).
 * {@code NoClientCert} is not here: Traefik then forwards no certificate at all.
 */
public enum TraefikClientAuth {
    /** Asks for a certificate, does not verify it. */
    REQUEST_CLIENT_CERT("RequestClientCert", false),
    /** Requires a certificate, does not verify it: what certgate assumes when nothing is declared. */
    REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", false),
    /** Verifies a certificate when one is sent. */
    VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", true),
    /** Requires a certificate and verifies it. */
    REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", true);

    /** When {@code certgate.traefik.client-auth-type} is unset: certificates are unverified. */
    public static final TraefikClientAuth DEFAULT = REQUIRE_ANY_CLIENT_CERT;

    private final String configName;
    private final boolean verifies;

    TraefikClientAuth(String configName, boolean verifies) {
        this.configName = configName;
        this.verifies = verifies;
    }

    /** Traefik's own spelling, e.g. {@code RequireAndVerifyClientCert}. */
    public String configName() {
        return configName;
    }

    /** Whether Traefik verified the certificates it forwards in this mode. */
    public boolean verifies() {
        return verifies;
    }

    /** The mode Traefik names {@code name} (any case), if any. */
    public static Optional<TraefikClientAuth> fromConfigName(String name) {
        return Arrays.stream(values()).filter(v -> v.configName.equalsIgnoreCase(name.trim())).findFirst();
    }

    /** Every accepted name, for error messages. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(TraefikClientAuth::configName).toList();
    }
}
