package dev.certgate.http;

import dev.certgate.ClientCertificate;
import dev.certgate.Decision;
import dev.certgate.MissingReason;
import java.lang.System.Logger.Level;

/**
 * Where refusals are told: the server log, logger {@code dev.certgate}, with the stable reason
 * code, the policy and, when there was one, the certificate's source and fingerprint. Never the
 * response. A plain missing certificate is routine and logged at DEBUG; everything else at INFO.
 */
public final class DecisionLog {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    private DecisionLog() {
    }

    /** Logs why {@code decision} refused; an accepted decision logs nothing. */
    public static void refusal(Decision decision, String policy, String resource) {
        String policyName = policy.isEmpty() ? "default" : policy;
        if (decision instanceof Decision.Missing missing) {
            LOG.log(missing.reason() == MissingReason.NO_CERTIFICATE ? Level.DEBUG : Level.INFO,
                    () -> "certgate: no usable client certificate (reason=" + missing.reason().code()
                            + detail(missing.detail()) + ", policy=" + policyName + ", resource=" + resource + ")");
        } else if (decision instanceof Decision.Refused refused) {
            LOG.log(Level.INFO, () -> "certgate: client certificate refused (reason=" + refused.reason().code()
                    + detail(refused.detail()) + ", policy=" + policyName + ", resource=" + resource
                    + describe(refused.certificate()) + ")");
        }
    }

    /** Logs a failure of the pipeline itself (a bug, never client input), answered as {@code answer}. */
    public static void failure(String resource, Problem answer, RuntimeException e) {
        LOG.log(Level.ERROR, "certgate: certificate check failed unexpectedly on " + resource
                + "; answering " + answer.status(), e);
    }

    private static String detail(String detail) {
        return detail.isEmpty() ? "" : ", detail=" + detail;
    }

    private static String describe(ClientCertificate certificate) {
        return certificate == null ? ""
                : ", source=" + certificate.source().configName() + ", fingerprint=" + certificate.fingerprint256();
    }
}
