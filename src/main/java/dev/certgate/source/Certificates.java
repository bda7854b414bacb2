package dev.certgate.source;

import dev.certgate.CertificateNormalizer;
import dev.certgate.Hex;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Certificates from forwarded text, with the JDK alone: PEM blocks or base64 DER. Strict: any
 * byte outside a block's base64, a truncated block, trailing garbage, more than
 * {@link #MAX_CHAIN} certificates, or nesting so deep that the JDK's parser runs out of stack is
 * malformed.
 */
public final class Certificates {

    /** The most certificates one header may carry: a leaf and a few intermediates. */
    public static final int MAX_CHAIN = 10;

    /**
     * One factory per thread: {@code getInstance} is a provider lookup and a reflective
     * instantiation per call, and the JDK does not promise that a factory may be shared (some
     * providers' factories keep parse state).
     */
    private static final ThreadLocal<CertificateFactory> FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every Java platform has an X.509 CertificateFactory", e);
        }
    });

    private Certificates() {
    }

    /** Every {@code CERTIFICATE} block of {@code pem}, in order; whitespace between and inside blocks is allowed. */
    public static List<X509Certificate> fromPem(String pem) throws MalformedHeaderException {
        return PemText.read(pem, false, true).certificates();
    }

    /**
     * Certificates parsed from forwarded text, leaf first, with the leaf's SHA-256 fingerprint
     * ({@link dev.certgate.ClientCertificate#fingerprint256()}'s form) as {@link #fingerprint} took it.
     */
    record Parsed(List<X509Certificate> certificates, String leafFingerprint) {
    }

    /** One certificate from base64 (standard alphabet, padding optional) DER. */
    public static X509Certificate fromBase64Der(String base64) throws MalformedHeaderException {
        return fromDer(decodeBase64(HeaderText.trimOws(base64), "base64 DER"));
    }

    /** One certificate from DER; nothing may follow it. */
    public static X509Certificate fromDer(byte[] der) throws MalformedHeaderException {
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(der);
            X509Certificate certificate = (X509Certificate) FACTORY.get().generateCertificate(in);
            if (in.available() > 0) {
                throw new MalformedHeaderException(in.available() + " bytes after the certificate's DER");
            }
            return certificate;
        } catch (CertificateException | RuntimeException e) {
            throw new MalformedHeaderException("not an X.509 certificate", e);
        } catch (StackOverflowError e) {
            // the JDK reads BER indefinite lengths recursively (X509Factory.readBERInternal,
            // DerIndefLenConverter): a few thousand nested levels fit in one header and exhaust
            // the stack; the parse is side-effect free, so its frames are simply gone
            throw new MalformedHeaderException("not an X.509 certificate: nested too deeply");
        }
    }

    /**
     * The SHA-256 fingerprint of {@code certificate}, which the JDK just parsed from {@code der}
     * with nothing left over: of {@code der} itself when it is the certificate's encoding, without
     * the copy {@link X509Certificate#getEncoded()} makes, else of that encoding. The JDK keeps the
     * bytes it parsed as the encoding but for the outermost header, which it writes anew: an
     * indefinite length (BER) or a length in more octets than needed comes back re-encoded
     * ({@code CertificatesFingerprintTest} holds this to what the running JDK does), so only a
     * definite, minimally encoded outer length spanning all of {@code der} is taken as it stands.
     */
    static String fingerprint(X509Certificate certificate, byte[] der) {
        return isMinimalDefiniteSequence(der) ? Hex.encode(Hex.sha256(der)) : CertificateNormalizer.fingerprint256(certificate);
    }

    /** Whether {@code der} starts with a SEQUENCE header of a definite, minimal length that ends exactly at its end (X.690 §10.1). */
    private static boolean isMinimalDefiniteSequence(byte[] der) {
        if (der.length < 2 || der[0] != 0x30) {
            return false;
        }
        int first = der[1] & 0xff;
        if (first < 0x80) {
            return der.length == 2 + first;
        }
        int octets = first & 0x7f;
        // 0x80 is the indefinite form; a leading zero octet, or a long form under 128, is not minimal
        if (octets == 0 || octets > 3 || der.length < 2 + octets || der[2] == 0 || octets == 1 && (der[2] & 0xff) < 0x80) {
            return false;
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = length << 8 | (der[2 + i] & 0xff);
        }
        return der.length == 2 + octets + length;
    }

    static byte[] decodeBase64(String text, String what) throws MalformedHeaderException {
        if (text.isEmpty()) {
            throw new MalformedHeaderException(what + " is empty");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedHeaderException(what + " is not base64", e);
        }
    }
}
