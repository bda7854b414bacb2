package dev.certgate.identity;

import dev.certgate.ClientCertificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One way to name a caller, as listed in {@code certgate.principal}. */
public enum PrincipalKind {
    /** The certificate's single {@code spiffe://} URI SAN. */
    SPIFFE_ID("spiffe-id"),
    /** The first URI SAN. */
    SAN_URI("san-uri"),
    /** The first DNS SAN. */
    SAN_DNS("san-dns"),
    /** The first email SAN. */
    SAN_EMAIL("san-email"),
    /** The most specific subject CN. */
    SUBJECT_CN("subject-cn"),
    /** The whole RFC 2253 subject DN. */
    SUBJECT_DN("subject-dn"),
    /** The uppercase hex SHA-256 fingerprint. */
    FINGERPRINT("fingerprint");

    /** {@code spiffe-id,subject-cn,fingerprint}. */
    public static final List<PrincipalKind> DEFAULT_ORDER = List.of(SPIFFE_ID, SUBJECT_CN, FINGERPRINT);

    private final String configName;

    PrincipalKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<PrincipalKind> fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.configName.equals(wanted)).findFirst();
    }

    /** This kind's name for {@code certificate}, when it has one. */
    public Optional<String> nameOf(ClientCertificate certificate) {
        return switch (this) {
            case SPIFFE_ID -> certificate.spiffeId();
            case SAN_URI -> first(certificate.sansOfType("URI"));
            case SAN_DNS -> first(certificate.sansOfType("DNS"));
            case SAN_EMAIL -> first(certificate.sansOfType("EMAIL"));
            case SUBJECT_CN -> nonEmpty(certificate.subjectCN());
            case SUBJECT_DN -> nonEmpty(certificate.subjectDN());
            case FINGERPRINT -> nonEmpty(certificate.fingerprint256());
        };
    }

    private static Optional<String> first(List<String> values) {
        return values.isEmpty() ? Optional.empty() : nonEmpty(values.get(0));
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
