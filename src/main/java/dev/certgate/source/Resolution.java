package dev.certgate.source;

import dev.certgate.ClientCertificate;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import java.util.Objects;

/**
 * What one source (or the whole ordered list of sources) found on a request. {@link Absent}
 * lets the next source try; {@link Malformed} and {@link Refused} stop the search, so a broken
 * or doubled header can never fall through to a weaker source.
 */
public sealed interface Resolution {

    /** A certificate. */
    record Found(ClientCertificate certificate) implements Resolution {
        public Found {
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /** Nothing here: {@code NO_CERTIFICATE}, or {@code UNTRUSTED_PEER} when a header was ignored. */
    record Absent(MissingReason reason) implements Resolution {
        public static final Absent NONE = new Absent(MissingReason.NO_CERTIFICATE);
        public static final Absent UNTRUSTED = new Absent(MissingReason.UNTRUSTED_PEER);

        public Absent {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The source's input could not be used ({@code MALFORMED} or {@code OVERSIZE}): 401. */
    record Malformed(MissingReason reason, String detail) implements Resolution {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The input is present but must be refused (a duplicated header, say): 403. */
    record Refused(RefusalReason reason, String detail) implements Resolution {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
