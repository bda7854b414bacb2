package dev.certgate.trust;

import dev.certgate.CertificateNormalizer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateRevokedException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks an OCSP responder (RFC 6960) about a leaf certificate: the request is sent by
 * {@link OcspTransport} to {@code certgate.trust.ocsp.responder} or the certificate's AIA URL, and
 * the response is verified by the JDK's {@link PKIXRevocationChecker} (given the response as if
 * stapled): signed by the issuing CA or by a responder it delegated to ({@code id-kp-OCSPSigning}),
 * for this certificate, fresh at the request's instant.
 *
 * <p>Answers from a verified response are cached until its {@code nextUpdate} (a response without
 * one: for the cache's time to live), never past the certificate's notAfter; failures for
 * {@link #RETRY} only, so a dead responder costs one timeout per certificate per {@code RETRY},
 * not one per request. Concurrent requests for the same certificate share one fetch.
 */
final class OcspChecker {

    private static final System.Logger LOG = System.getLogger("dev.certgate");
    /** How long a failure (unreachable, invalid response, no responder) is remembered. */
    static final Duration RETRY = Duration.ofSeconds(15);

    /** What the responder said, or why it could not say. */
    enum Status {
        GOOD,
        REVOKED,
        /** A response that says "unknown", does not verify, or no responder to ask: refused. */
        UNKNOWN,
        /** The responder could not be reached, or answered tryLater / internalError: subject to soft-fail. */
        UNREACHABLE
    }

    record Answer(Status status, String detail) {
    }

    private final OcspSettings settings;
    private final Duration ttl;
    private final ExpiringCache<X509Certificate, Answer> answers;
    private final Map<X509Certificate, CompletableFuture<Answer>> running = new ConcurrentHashMap<>();

    OcspChecker(OcspSettings settings, int maxEntries, Duration ttl) {
        this.settings = settings;
        this.ttl = ttl;
        this.answers = new ExpiringCache<>(maxEntries);
    }

    boolean softFail() {
        return settings.softFail();
    }

    /** The status of {@code leaf}, which {@code issuer} signed, at {@code now}. */
    Answer status(X509Certificate leaf, X509Certificate issuer, Instant now) {
        Answer cached = answers.get(leaf, now);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> theirs = running.putIfAbsent(leaf, mine);
        if (theirs != null) {
            return theirs.join();
        }
        Answer answer = new Answer(Status.UNKNOWN, "OCSP check failed");
        try {
            answer = fetch(leaf, issuer, now);
        } catch (RuntimeException e) {
            answer = new Answer(Status.UNKNOWN, "OCSP check failed: " + e);
        } finally {
            mine.complete(answer);
            running.remove(leaf, mine);
        }
        return answer;
    }

    private Answer fetch(X509Certificate leaf, X509Certificate issuer, Instant now) {
        Optional<URI> responder = settings.responder().or(() -> OcspMessages.responder(leaf));
        if (responder.isEmpty()) {
            return remember(leaf, new Answer(Status.UNKNOWN, "no OCSP responder: the certificate names none (AIA) and"
                    + " certgate.trust.ocsp.responder is not set"), now.plus(RETRY), now);
        }
        URI uri = responder.get();
        byte[] response;
        int responseStatus;
        try {
            response = OcspTransport.post(uri, OcspMessages.request(leaf, issuer), settings.timeout());
            responseStatus = OcspMessages.responseStatus(response);
        } catch (IOException e) {
            return unreachable(leaf, uri, e.toString(), now);
        } catch (Der.Malformed e) {
            return remember(leaf, new Answer(Status.UNKNOWN, "malformed OCSP response from " + uri + ": "
                    + e.getMessage()), now.plus(RETRY), now);
        }
        if (responseStatus == OcspMessages.TRY_LATER || responseStatus == OcspMessages.INTERNAL_ERROR) {
            return unreachable(leaf, uri, "it answered " + (responseStatus == OcspMessages.TRY_LATER ? "tryLater"
                    : "internalError"), now);
        }
        Answer answer = verify(leaf, issuer, uri, response, now);
        Instant until = now.plus(RETRY);
        if (answer.status() == Status.GOOD || answer.status() == Status.REVOKED) {
            until = now.plus(ttl);
            try {
                Optional<Instant> next = OcspMessages.nextUpdate(response, leaf.getSerialNumber());
                if (next.isPresent() && next.get().isBefore(until)) {
                    until = next.get();
                }
            } catch (Der.Malformed e) {
                until = now; // verified by the JDK yet unreadable here: do not cache
            }
            Instant notAfter = leaf.getNotAfter().toInstant();
            until = notAfter.isBefore(until) ? notAfter : until;
        }
        return remember(leaf, answer, until, now);
    }

    /** The JDK's verdict on {@code response} as the status of {@code leaf}. */
    private static Answer verify(X509Certificate leaf, X509Certificate issuer, URI uri, byte[] response, Instant now) {
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
            checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK)); // OCSP only, no soft fail
            checker.setOcspResponder(uri);
            checker.setOcspResponses(Map.of(leaf, response));
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(issuer, null)));
            parameters.setDate(Date.from(now));
            parameters.setRevocationEnabled(true);
            parameters.addCertPathChecker(checker);
            validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
            return new Answer(Status.GOOD, "");
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                return new Answer(Status.REVOKED, "OCSP responder " + uri + " reports it revoked" + revocation(e));
            }
            String why = e.getReason() == PKIXReason.NO_TRUST_ANCHOR ? "no trust anchor" : e.getMessage();
            return new Answer(Status.UNKNOWN, "OCSP response from " + uri + " not usable: " + why);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Answer(Status.UNKNOWN, "OCSP response from " + uri + " not usable: " + e);
        }
    }

    private static String revocation(CertPathValidatorException e) {
        if (e.getCause() instanceof CertificateRevokedException revoked) {
            return " (" + revoked.getRevocationDate().toInstant() + ", " + revoked.getRevocationReason() + ")";
        }
        return "";
    }

    private Answer unreachable(X509Certificate leaf, URI uri, String why, Instant now) {
        LOG.log(Level.WARNING, "certgate: OCSP responder " + uri + " could not be asked about certificate "
                + CertificateNormalizer.fingerprint256(leaf) + " (" + why + "); " + (settings.softFail()
                ? "accepted unless a CRL says otherwise (certgate.trust.ocsp.soft-fail=true)"
                : "refused unless a CRL answers for it (certgate.trust.ocsp.soft-fail=false)"));
        return remember(leaf, new Answer(Status.UNREACHABLE, "OCSP responder " + uri + " could not be asked: " + why),
                now.plus(RETRY), now);
    }

    private Answer remember(X509Certificate leaf, Answer answer, Instant until, Instant now) {
        Instant bound = now.plus(ttl);
        answers.put(leaf, answer, until.isBefore(bound) ? until : bound, now);
        return answer;
    }
}
