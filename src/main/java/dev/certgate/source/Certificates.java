package dev.certgate.source;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
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

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private Certificates() {
    }

    /** Every {@code CERTIFICATE} block of {@code pem}, in order; whitespace between and inside blocks is allowed. */
    public static List<X509Certificate> fromPem(String pem) throws MalformedHeaderException {
        List<X509Certificate> out = new ArrayList<>();
        int at = skipWhitespace(pem, 0);
        while (at < pem.length()) {
            if (!pem.startsWith(BEGIN, at)) {
                throw new MalformedHeaderException("expected " + BEGIN + " at offset " + at);
            }
            int end = pem.indexOf(END, at + BEGIN.length());
            if (end < 0) {
                throw new MalformedHeaderException("no " + END + " after offset " + at);
            }
            if (out.size() == MAX_CHAIN) {
                throw new MalformedHeaderException("more than " + MAX_CHAIN + " certificates");
            }
            String body = pem.substring(at + BEGIN.length(), end);
            out.add(fromDer(decodeBase64(body.replaceAll("[ \\t\\r\\n]", ""), "PEM block at offset " + at)));
            at = skipWhitespace(pem, end + END.length());
        }
        if (out.isEmpty()) {
            throw new MalformedHeaderException("no certificate in PEM text");
        }
        return out;
    }

    /** One certificate from base64 (standard alphabet, padding optional) DER. */
    public static X509Certificate fromBase64Der(String base64) throws MalformedHeaderException {
        return fromDer(decodeBase64(base64.trim(), "base64 DER"));
    }

    /** One certificate from DER; nothing may follow it. */
    public static X509Certificate fromDer(byte[] der) throws MalformedHeaderException {
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(der);
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
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

    private static int skipWhitespace(String text, int at) {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == '\r'
                || text.charAt(at) == '\n')) {
            at++;
        }
        return at;
    }
}
