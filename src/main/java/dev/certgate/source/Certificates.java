package dev.certgate.source;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
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

    private static final String BEGIN_TEXT = "-----BEGIN CERTIFICATE-----";
    private static final String END_TEXT = "-----END CERTIFICATE-----";
    private static final byte[] BEGIN = BEGIN_TEXT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = END_TEXT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BEGIN_ANY = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
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
        // one byte per char (beyond Latin-1 a '?', which is no base64 either): offsets stay char offsets
        return fromPem(pem.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * As {@link #fromPem(String)}, over text already in bytes (percent-decoded, say). The array is
     * the caller's no longer: each block's base64 is compacted in place.
     */
    static List<X509Certificate> fromPem(byte[] pem) throws MalformedHeaderException {
        List<X509Certificate> out = new ArrayList<>();
        int at = skipWhitespace(pem, 0);
        while (at < pem.length) {
            if (!startsWith(pem, at, BEGIN)) {
                throw new MalformedHeaderException("expected " + BEGIN_TEXT + " at offset " + at);
            }
            int end = indexOf(pem, END, at + BEGIN.length);
            if (end < 0) {
                throw new MalformedHeaderException("no " + END_TEXT + " after offset " + at);
            }
            if (out.size() == MAX_CHAIN) {
                throw new MalformedHeaderException("more than " + MAX_CHAIN + " certificates");
            }
            out.add(fromDer(decodeBlock(pem, at + BEGIN.length, end, at)));
            at = skipWhitespace(pem, end + END.length);
        }
        if (out.isEmpty()) {
            throw new MalformedHeaderException("no certificate in PEM text");
        }
        return out;
    }

    /** Whether {@code text} starts a PEM block ({@code -----BEGIN}). */
    static boolean isPem(byte[] text) {
        return startsWith(text, 0, BEGIN_ANY);
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
        } catch (StackOverflowError e) {
            // the JDK reads BER indefinite lengths recursively (X509Factory.readBERInternal,
            // DerIndefLenConverter): a few thousand nested levels fit in one header and exhaust
            // the stack; the parse is side-effect free, so its frames are simply gone
            throw new MalformedHeaderException("not an X.509 certificate: nested too deeply");
        }
    }

    /**
     * The base64 between {@code from} and {@code to} with its line breaks and spaces dropped (in
     * place, in one pass, without a regular expression); anything else outside the alphabet is
     * malformed.
     */
    private static byte[] decodeBlock(byte[] pem, int from, int to, int blockAt) throws MalformedHeaderException {
        int n = from;
        for (int i = from; i < to; i++) {
            byte b = pem[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                pem[n++] = b;
            }
        }
        if (n == from) {
            throw new MalformedHeaderException("PEM block at offset " + blockAt + " is empty");
        }
        try {
            ByteBuffer der = Base64.getDecoder().decode(ByteBuffer.wrap(pem, from, n - from));
            byte[] array = der.array();
            return der.arrayOffset() == 0 && der.position() == 0 && der.limit() == array.length ? array
                    : Arrays.copyOfRange(array, der.arrayOffset() + der.position(), der.arrayOffset() + der.limit());
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

    private static int skipWhitespace(byte[] text, int at) {
        while (at < text.length && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) {
            at++;
        }
        return at;
    }

    private static boolean startsWith(byte[] text, int at, byte[] prefix) {
        if (at + prefix.length > text.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (text[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] text, byte[] pattern, int from) {
        for (int i = from, last = text.length - pattern.length; i <= last; i++) {
            if (text[i] == pattern[0] && startsWith(text, i, pattern)) {
                return i;
            }
        }
        return -1;
    }
}
