package dev.certgate.source;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Certificates from forwarded text, with the JDK alone: PEM blocks or base64 DER. Strict: any
 * byte outside a block's base64, a truncated block, trailing garbage or more than
 * {@link #MAX_CHAIN} certificates is malformed.
 */
public final class Certificates {

    /** The most certificates one header may carry: a leaf and a few intermediates. */
    public static final int MAX_CHAIN = 10;

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
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
            out.add(fromDer(decodeBlock(pem, at + BEGIN.length(), end, at)));
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
            X509Certificate certificate = (X509Certificate) FACTORY.get().generateCertificate(in);
            if (in.available() > 0) {
                throw new MalformedHeaderException(in.available() + " bytes after the certificate's DER");
            }
            return certificate;
        } catch (CertificateException | RuntimeException e) {
            throw new MalformedHeaderException("not an X.509 certificate", e);
        }
    }

    /**
     * The base64 between {@code from} and {@code to} with its line breaks and spaces dropped, in
     * one pass and without a regular expression; anything else outside the alphabet is malformed.
     */
    private static byte[] decodeBlock(String pem, int from, int to, int blockAt) throws MalformedHeaderException {
        byte[] base64 = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = pem.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (c > 0x7f) {
                throw new MalformedHeaderException("PEM block at offset " + blockAt + " is not base64");
            }
            base64[n++] = (byte) c;
        }
        if (n == 0) {
            throw new MalformedHeaderException("PEM block at offset " + blockAt + " is empty");
        }
        try {
            return Base64.getDecoder().decode(n == base64.length ? base64 : Arrays.copyOf(base64, n));
        } catch (IllegalArgumentException e) {
            throw new MalformedHeaderException("PEM block at offset " + blockAt + " is not base64", e);
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
