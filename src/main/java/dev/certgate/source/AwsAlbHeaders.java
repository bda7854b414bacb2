package dev.certgate.source;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How an AWS Application Load Balancer forwards client certificates ({@code certgate.aws-alb.*}):
 * the listener's mutual TLS mode and the header names, which the load balancer lets operators
 * rename (listener attributes {@code routing.http.request.x_amzn_mtls_clientcert*.header_name}).
 * Names compare case-insensitively, as HTTP header names do.
 *
 * @param mode          {@code certgate.aws-alb.mode}
 * @param clientcert    {@code certgate.aws-alb.clientcert-header}: passthrough mode's whole chain
 * @param leaf          {@code certgate.aws-alb.leaf-header}: verify mode's leaf certificate
 * @param serialNumber  {@code certgate.aws-alb.serial-number-header}
 * @param issuer        {@code certgate.aws-alb.issuer-header}
 * @param subject       {@code certgate.aws-alb.subject-header}
 * @param validity      {@code certgate.aws-alb.validity-header}
 */
public record AwsAlbHeaders(Mode mode, String clientcert, String leaf, String serialNumber, String issuer,
                            String subject, String validity) {

    /** The listener's mutual TLS mode (the load balancer's {@code MutualAuthentication.Mode}). */
    public enum Mode {
        /**
         * The load balancer verified the client's chain against its trust store and sends the
         * {@code -Leaf}, {@code -Serial-Number}, {@code -Issuer}, {@code -Subject} and
         * {@code -Validity} headers: certificates are {@code verified}.
         */
        VERIFY,
        /**
         * The load balancer sends the chain the client presented, unverified, in
         * {@code X-Amzn-Mtls-Clientcert}: certificates are not {@code verified} (the default).
         */
        PASSTHROUGH;

        /** The name in {@code certgate.aws-alb.mode}: {@code verify} or {@code passthrough}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode named {@code name} (any case), if any. */
        public static Optional<Mode> fromConfigName(String name) {
            return Arrays.stream(values()).filter(m -> m.configName().equalsIgnoreCase(name.trim())).findFirst();
        }
    }

    /** AWS's header names, passthrough mode (unverified until the operator says otherwise). */
    public static final AwsAlbHeaders DEFAULTS = new AwsAlbHeaders(Mode.PASSTHROUGH, "X-Amzn-Mtls-Clientcert",
            "X-Amzn-Mtls-Clientcert-Leaf", "X-Amzn-Mtls-Clientcert-Serial-Number", "X-Amzn-Mtls-Clientcert-Issuer",
            "X-Amzn-Mtls-Clientcert-Subject", "X-Amzn-Mtls-Clientcert-Validity");

    public AwsAlbHeaders {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(clientcert, "clientcert");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(validity, "validity");
    }

    /** These names in another mode. */
    public AwsAlbHeaders withMode(Mode mode) {
        return new AwsAlbHeaders(mode, clientcert, leaf, serialNumber, issuer, subject, validity);
    }

    /** The verify mode's five headers. */
    public List<String> verifyHeaders() {
        return List.of(leaf, serialNumber, issuer, subject, validity);
    }

    /** All six names, passthrough first. */
    public List<String> all() {
        return List.of(clientcert, leaf, serialNumber, issuer, subject, validity);
    }
}
