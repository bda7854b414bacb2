package dev.certgate.source;

import java.util.Objects;

/**
 * The header names and modes the forwarded-certificate sources read: {@code certgate.xfcc.*},
 * {@code certgate.headers.*}, {@code certgate.traefik.*} and {@code certgate.aws-alb.*}. Names
 * compare case-insensitively, as HTTP header names do.
 *
 * @param xfcc              {@code certgate.xfcc.header}
 * @param xfccElement       {@code certgate.xfcc.element}
 * @param cert              {@code certgate.headers.cert}
 * @param verify            {@code certgate.headers.verify}
 * @param verifySuccess     {@code certgate.headers.verify-success}
 * @param subjectDn         {@code certgate.headers.subject-dn}
 * @param issuerDn          {@code certgate.headers.issuer-dn}
 * @param fingerprint       {@code certgate.headers.fingerprint}
 * @param traefik           {@code certgate.traefik.client-auth-type}
 * @param awsAlb            {@code certgate.aws-alb.*}
 */
public record HeaderNames(String xfcc, XfccElement xfccElement, String cert, String verify, String verifySuccess,
                          String subjectDn, String issuerDn, String fingerprint, TraefikClientAuth traefik,
                          AwsAlbHeaders awsAlb) {

    /** Which XFCC element names the caller. */
    public enum XfccElement {
        /** The element the nearest proxy appended: the one certgate trusts (default). */
        LAST,
        /** The element the first proxy in the chain wrote. */
        FIRST
    }

    /** DESIGN.md's defaults. */
    public static final HeaderNames DEFAULTS = new HeaderNames("x-forwarded-client-cert", XfccElement.LAST,
            "X-SSL-Client-Cert", "X-SSL-Client-Verify", "SUCCESS", "X-SSL-Client-S-DN", "X-SSL-Client-I-DN",
            "X-SSL-Client-Fingerprint", TraefikClientAuth.DEFAULT, AwsAlbHeaders.DEFAULTS);

    public HeaderNames {
        Objects.requireNonNull(xfcc, "xfcc");
        Objects.requireNonNull(xfccElement, "xfccElement");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(verifySuccess, "verifySuccess");
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(issuerDn, "issuerDn");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(traefik, "traefik");
        Objects.requireNonNull(awsAlb, "awsAlb");
    }

    /** The {@code xfcc} and {@code headers} names, with the Traefik and AWS ALB defaults. */
    public HeaderNames(String xfcc, XfccElement xfccElement, String cert, String verify, String verifySuccess,
                       String subjectDn, String issuerDn, String fingerprint) {
        this(xfcc, xfccElement, cert, verify, verifySuccess, subjectDn, issuerDn, fingerprint,
                TraefikClientAuth.DEFAULT, AwsAlbHeaders.DEFAULTS);
    }

    /** These names with {@code traefik} as what Traefik's TLS options say. */
    public HeaderNames withTraefik(TraefikClientAuth traefik) {
        return new HeaderNames(xfcc, xfccElement, cert, verify, verifySuccess, subjectDn, issuerDn, fingerprint,
                traefik, awsAlb);
    }

    /** These names with {@code awsAlb} for the AWS ALB source. */
    public HeaderNames withAwsAlb(AwsAlbHeaders awsAlb) {
        return new HeaderNames(xfcc, xfccElement, cert, verify, verifySuccess, subjectDn, issuerDn, fingerprint,
                traefik, awsAlb);
    }
}
