package dev.certgate.testing;

import dev.certgate.demo.Pki;
import dev.certgate.demo.Pki.Issued;
import java.time.Duration;
import java.time.Instant;

/**
 * The tests' object mother: one PKI minted once per JVM. Root CA "acme-root" → intermediate
 * "acme-issuing" → client leaves; and a second, unrelated CA for wrong-CA cases.
 */
public final class TestPki {

    public static final Issued ROOT = Pki.root("CN=acme-root,O=Acme").build();
    public static final Issued INTERMEDIATE = ROOT.issue("CN=acme-issuing,O=Acme").ca(true).build();
    public static final Issued OTHER_ROOT = Pki.root("CN=evil-root,O=Evil").build();

    /** Server certificate for 127.0.0.1 / localhost, issued by the root. */
    public static final Issued SERVER = ROOT.issue("CN=localhost").serverAuth().dns("localhost").ip("127.0.0.1").build();

    /** svc-a: URI:spiffe://acme/svc-a, DNS:svc-a.acme.internal. */
    public static final Issued SVC_A = INTERMEDIATE.issue("CN=svc-a,OU=payments,O=Acme")
            .uri("spiffe://acme/svc-a").dns("svc-a.acme.internal").build();
    /** svc-b: URI:spiffe://acme/svc-b. */
    public static final Issued SVC_B = INTERMEDIATE.issue("CN=svc-b,O=Acme").uri("spiffe://acme/svc-b").build();

    /** Same names as svc-a, but issued by the unrelated CA. */
    public static final Issued WRONG_CA = OTHER_ROOT.issue("CN=svc-a,OU=payments,O=Acme").uri("spiffe://acme/svc-a").build();

    public static final Issued EXPIRED = INTERMEDIATE.issue("CN=svc-expired,O=Acme").uri("spiffe://acme/svc-expired")
            .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).build();
    public static final Issued NOT_YET_VALID = INTERMEDIATE.issue("CN=svc-future,O=Acme").uri("spiffe://acme/svc-future")
            .validity(Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30))).build();
    /** A leaf with the CA flag set. */
    public static final Issued CA_FLAGGED = INTERMEDIATE.issue("CN=svc-ca,O=Acme").ca(true).uri("spiffe://acme/svc-ca").build();

    private TestPki() {
    }

    /** A fresh client leaf under the intermediate; customize before {@code build()}. */
    public static Pki.Builder client(String subject) {
        return INTERMEDIATE.issue(subject);
    }
}
