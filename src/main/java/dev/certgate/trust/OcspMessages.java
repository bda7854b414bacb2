package dev.certgate.trust;

import dev.certgate.trust.Der.Element;
import dev.certgate.trust.Der.Malformed;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The OCSP messages of RFC 6960 that certgate reads and writes itself; the JDK's
 * {@code PKIXRevocationChecker} verifies every response before anything here trusts it.
 * <ul>
 *   <li>{@link #request}: an unsigned request for one certificate, with the SHA-1 {@code CertID}
 *       of section 4.1.1 (the hash every responder and the JDK match on);</li>
 *   <li>{@link #responseStatus}: section 4.2.1's {@code OCSPResponseStatus};</li>
 *   <li>{@link #nextUpdate}: section 4.2.1's {@code nextUpdate} of the certificate's
 *       {@code SingleResponse}, which bounds how long an answer may be cached;</li>
 *   <li>{@link #responder}: the {@code id-ad-ocsp} URL of the certificate's Authority
 *       Information Access extension (RFC 5280 section 4.2.2.1).</li>
 * </ul>
 */
final class OcspMessages {

    /** {@code OCSPResponseStatus} values (RFC 6960 section 4.2.1). */
    static final int SUCCESSFUL = 0;
    static final int INTERNAL_ERROR = 2;
    static final int TRY_LATER = 3;

    /** id-sha1 (1.3.14.3.2.26), DER. */
    private static final byte[] SHA1_OID = {0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a};
    /** id-ad-ocsp (1.3.6.1.5.5.7.48.1), the content octets of its DER. */
    private static final byte[] AD_OCSP = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01};
    private static final String AIA_OID = "1.3.6.1.5.5.7.1.1";
    private static final int URI_NAME = 0x86; // GeneralName uniformResourceIdentifier [6] IMPLICIT IA5String

    private OcspMessages() {
    }

    /** {@code OCSPRequest} for {@code certificate}, issued by {@code issuer}. */
    static byte[] request(X509Certificate certificate, X509Certificate issuer) {
        byte[] certId = Der.encode(Der.SEQUENCE,
                Der.encode(Der.SEQUENCE, SHA1_OID, Der.encode(Der.NULL)),
                Der.encode(Der.OCTET_STRING, sha1(issuer.getSubjectX500Principal().getEncoded())),
                Der.encode(Der.OCTET_STRING, sha1(subjectPublicKey(issuer))),
                Der.encode(Der.INTEGER, certificate.getSerialNumber().toByteArray()));
        byte[] requestList = Der.encode(Der.SEQUENCE, Der.encode(Der.SEQUENCE, certId));
        return Der.encode(Der.SEQUENCE, Der.encode(Der.SEQUENCE, requestList));
    }

    /** The {@code responseStatus} of an {@code OCSPResponse}. */
    static int responseStatus(byte[] response) throws Malformed {
        Element status = Der.parse(response).expect(Der.SEQUENCE).child(0).expect(Der.ENUMERATED);
        byte[] value = status.content();
        if (value.length != 1) {
            throw new Malformed("responseStatus is not one byte");
        }
        return value[0];
    }

    /**
     * The {@code nextUpdate} of the {@code SingleResponse} for {@code serial}; empty when the
     * responder set none ("newer information is always available").
     */
    static Optional<Instant> nextUpdate(byte[] response, BigInteger serial) throws Malformed {
        Element responseBytes = Der.parse(response).expect(Der.SEQUENCE).child(1).expect(0xa0).inner(Der.SEQUENCE);
        byte[] basic = responseBytes.child(1).expect(Der.OCTET_STRING).content();
        Element tbs = Der.parse(basic).expect(Der.SEQUENCE).child(0).expect(Der.SEQUENCE);
        // version [0] is optional; then responderID, producedAt, responses
        int at = tbs.child(0).tag() == 0xa0 ? 1 : 0;
        for (Element single : tbs.child(at + 2).expect(Der.SEQUENCE).children()) {
            List<Element> fields = single.expect(Der.SEQUENCE).children();
            if (fields.size() < 3) {
                throw new Malformed("SingleResponse with " + fields.size() + " fields");
            }
            Element serialNumber = fields.get(0).expect(Der.SEQUENCE).child(3).expect(Der.INTEGER);
            if (serialNumber.start() == serialNumber.end() || !new BigInteger(serialNumber.content()).equals(serial)) {
                continue;
            }
            if (fields.size() > 3 && fields.get(3).tag() == 0xa0) {
                return Optional.of(generalizedTime(fields.get(3).inner(Der.GENERALIZED_TIME)));
            }
            return Optional.empty();
        }
        throw new Malformed("no SingleResponse for serial " + serial.toString(16));
    }

    /** The first {@code http}/{@code https} OCSP responder the certificate's AIA extension names. */
    static Optional<URI> responder(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(AIA_OID);
        if (extension == null) {
            return Optional.empty();
        }
        try {
            Element value = Der.parse(extension).expect(Der.OCTET_STRING);
            for (Element description : Der.parse(value.content()).expect(Der.SEQUENCE).children()) {
                List<Element> parts = description.expect(Der.SEQUENCE).children();
                if (parts.size() == 2 && parts.get(0).tag() == Der.OID && Arrays.equals(parts.get(0).content(), AD_OCSP)
                        && parts.get(1).tag() == URI_NAME) {
                    URI uri = new URI(new String(parts.get(1).content(), StandardCharsets.US_ASCII));
                    if (uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme())
                            || "https".equalsIgnoreCase(uri.getScheme()))) {
                        return Optional.of(uri);
                    }
                }
            }
        } catch (Malformed | URISyntaxException e) {
            return Optional.empty(); // an AIA the JDK parsed but we cannot use: no responder
        }
        return Optional.empty();
    }

    /** The BIT STRING of a SubjectPublicKeyInfo, without its unused-bits octet. */
    private static byte[] subjectPublicKey(X509Certificate certificate) {
        try {
            byte[] bits = Der.parse(certificate.getPublicKey().getEncoded()).expect(Der.SEQUENCE).child(1)
                    .expect(Der.BIT_STRING).content();
            if (bits.length == 0) {
                throw new Malformed("empty BIT STRING");
            }
            return Arrays.copyOfRange(bits, 1, bits.length);
        } catch (Malformed e) {
            throw new IllegalArgumentException("the issuer's public key is not a SubjectPublicKeyInfo", e);
        }
    }

    /** {@code YYYYMMDDHHMMSS[.fff]Z} (RFC 5280 section 4.1.2.5.2; fractions tolerated). */
    private static Instant generalizedTime(Element element) throws Malformed {
        String text = new String(element.content(), StandardCharsets.US_ASCII);
        if (text.length() < 15 || !text.endsWith("Z") || !text.substring(0, 14).chars().allMatch(Character::isDigit)) {
            throw new Malformed("GeneralizedTime '" + text + "'");
        }
        try {
            return LocalDateTime.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(4, 6)),
                    Integer.parseInt(text.substring(6, 8)), Integer.parseInt(text.substring(8, 10)),
                    Integer.parseInt(text.substring(10, 12)), Integer.parseInt(text.substring(12, 14)))
                    .toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            throw new Malformed("GeneralizedTime '" + text + "'");
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
