package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.ClientCertificate;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;

/** Assertions on what a reader answered. */
final class Resolutions {

    private Resolutions() {
    }

    /** The certificate found; fails unless {@code resolution} is {@link Resolution.Found}. */
    static ClientCertificate found(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Found.class);
        return ((Resolution.Found) resolution).certificate();
    }

    /** Unusable for {@code reason} (401). */
    static void unusable(Resolution resolution, MissingReason reason) {
        assertThat(resolution).isInstanceOfSatisfying(Resolution.Malformed.class, m -> assertThat(m.reason()).isEqualTo(reason));
    }

    static void malformed(Resolution resolution) {
        unusable(resolution, MissingReason.MALFORMED);
    }

    /** Refused for {@code reason} (403). */
    static void refused(Resolution resolution, RefusalReason reason) {
        assertThat(resolution).isInstanceOfSatisfying(Resolution.Refused.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }
}
