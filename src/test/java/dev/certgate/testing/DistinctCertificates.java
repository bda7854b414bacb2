package dev.certgate.testing;

import dev.certgate.Hex;
import dev.certgate.demo.Pki;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.Locale;

/**
 * As many distinct certificates as a test wants, cheaply: one minted leaf whose serial number is
 * rewritten in its DER. Certificate {@code n} differs from every other in its serial and so in
 * its SHA-256; its signature no longer verifies, which no parser checks (a proxy would have, but
 * here only the cache's behaviour under a flood of distinct certificates matters).
 */
public final class DistinctCertificates {

    /** 2^68: nine serial bytes, 0x10 then eight zeros; the zeros take the number. */
    private static final BigInteger TEMPLATE_SERIAL = BigInteger.ONE.shiftLeft(68);
    private static final byte[] SERIAL_DER = {0x02, 0x09, 0x10, 0, 0, 0, 0, 0, 0, 0, 0};

    private final byte[] template;
    private final int low;

    public DistinctCertificates() {
        try {
            template = TestPki.client("CN=flood,O=Acme").uri("spiffe://acme/flood").serial(TEMPLATE_SERIAL).build()
                    .certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        low = indexOf(template, SERIAL_DER) + 3;
    }

    /** The DER of certificate {@code n}. */
    public byte[] der(long n) {
        byte[] der = template.clone();
        for (int i = 0; i < 8; i++) {
            der[low + i] = (byte) (n >>> (56 - 8 * i));
        }
        return der;
    }

    /** An Envoy element for certificate {@code n}: its Hash and its URL-encoded PEM Cert. */
    public String xfcc(long n) {
        byte[] der = der(n);
        return "Hash=" + Hex.encode(Hex.sha256(der)).toLowerCase(Locale.ROOT) + ";Cert=\"" + escape(pem(der)) + "\"";
    }

    /** nginx's {@code $ssl_client_escaped_cert} for certificate {@code n}: its URL-encoded PEM. */
    public String escapedPem(long n) {
        return escape(pem(der(n)));
    }

    static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    /** Envoy's encoding: all but unreserved characters percent-escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 4);
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            char c = (char) b;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return out.toString();
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("the template's serial number is not where it should be");
    }
}
