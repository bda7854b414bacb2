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

    /**
     * A leaf with one SAN of every type the normalizer renders: DNS, URI, EMAIL, IPv4, IPv6,
     * DIRNAME, RID and an otherName carrying a Microsoft UPN.
     */
    public static final Issued EVERY_SAN = INTERMEDIATE.issue("CN=svc-all,O=Acme")
            .dns("svc-all.acme.internal").uri("spiffe://acme/svc-all").email("svc-all@acme.example")
            .ip("10.1.2.3").ip("2001:0db8:0000:0000:0000:0000:0000:0001").dirName("CN=dir,O=Acme")
            .registeredId("1.2.3.4.5").otherName("1.3.6.1.4.1.311.20.2.3", "user@acme").build();

    /** A leaf with no SAN extension at all. */
    public static final Issued NO_SANS = INTERMEDIATE.issue("CN=svc-plain,O=Acme").build();

    private TestPki() {
    }

    /** The DER encoding of {@code issued}'s certificate. */
    public static byte[] der(Issued issued) {
        try {
            return issued.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh client leaf under the intermediate; customize before {@code build()}. */
    public static Pki.Builder client(String subject) {
        return INTERMEDIATE.issue(subject);
    }
}
