package dev.certgate;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Turns a parsed certificate chain into the one {@link ClientCertificate} shape. Every source
 * that has the certificate itself (native TLS, a forwarded PEM or DER) goes through here, so
 * every field is derived the same way.
 *
 * <p>Never throws for a certificate the JDK could parse: a SAN extension the JDK cannot decode
 * yields no SANs (so SAN allow-lists cannot match and fail closed).
 */
public final class CertificateNormalizer {

    private static final IssuerNames ISSUERS = new IssuerNames();
    private static final int DIRECTORY_NAME = 4;
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int VERSION = 0xa0; // [0] EXPLICIT
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";

    private CertificateNormalizer() {
    }

    /**
     * Normalizes {@code chain[0]}, keeping the whole chain.
     *
     * @throws IllegalArgumentException when the chain is empty or holds a {@code null}
     */
    public static ClientCertificate normalize(X509Certificate[] chain, CertificateSource source, boolean verified) {
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf certificate");
        }
        return normalize(Arrays.asList(chain), source, verified);
    }

    /** As {@link #normalize(X509Certificate[], CertificateSource, boolean)}, from a list. */
    public static ClientCertificate normalize(List<X509Certificate> chain, CertificateSource source, boolean verified) {
        return normalize(chain, null, source, verified);
    }

    /**
     * As {@link #normalize(List, CertificateSource, boolean)}, with the leaf's
     * {@link #fingerprint256} already known: a forwarded certificate's reader hashes the DER it
     * handed the JDK (when that is the certificate's encoding) instead of the copy
     * {@link X509Certificate#getEncoded()} makes.
     *
     * @param leafFingerprint256 {@code fingerprint256(chain.get(0))}, or {@code null} to compute it
     */
    public static ClientCertificate normalize(List<X509Certificate> chain, String leafFingerprint256, CertificateSource source,
                                              boolean verified) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf certificate");
        }
        for (X509Certificate certificate : chain) {
            if (certificate == null) {
                throw new IllegalArgumentException("a certificate chain must not hold null");
            }
        }
        X509Certificate leaf = chain.get(0);
        byte[] tbs = tbsCertificate(leaf);
        int[] names = tbs == null ? null : namesInTbs(tbs);
        String subjectDN;
        IssuerNames.Rendered issuer;
        if (names == null) {
            subjectDN = DistinguishedNames.rfc2253(leaf.getSubjectX500Principal());
            issuer = ISSUERS.of(leaf.getIssuerX500Principal());
        } else {
            subjectDN = DistinguishedNames.rfc2253(leaf.getSubjectX500Principal(), tbs, names[2], names[3]);
            issuer = ISSUERS.of(tbs, names[0], names[1], leaf::getIssuerX500Principal);
        }
        return new ClientCertificate(
                subjectDN,
                DistinguishedNames.commonNameOfRendered(subjectDN),
                issuer.dn(),
                issuer.cn(),
                serialHex(leaf),
                leafFingerprint256 == null ? fingerprint256(leaf) : leafFingerprint256,
                subjectAltNames(leaf),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                verified,
                source,
                leaf,
                chain);
    }

    /**
     * Where a TBSCertificate's (RFC 5280 section 4.1) issuer and subject Names lie in its DER:
     * {@code {issuerFrom, issuerTo, subjectFrom, subjectTo}}, or {@code null} when it cannot be
     * walked. The JDK hands the TBSCertificate over as the bytes it parsed, a copy of a few hundred
     * bytes, where each {@link X500Principal#getEncoded()} of a parsed certificate re-encodes its
     * Name (about a kilobyte apiece).
     */
    static int[] namesInTbs(byte[] tbs) {
        try {
            DerCursor in = new DerCursor(tbs, 0);
            int end = in.enter(SEQUENCE, tbs.length);
            if (in.tag(end) == VERSION) {
                in.skip(VERSION, end);
            }
            in.skip(INTEGER, end); // serialNumber
            in.skip(SEQUENCE, end); // signature
            int issuerFrom = in.at;
            in.skip(SEQUENCE, end);
            int issuerTo = in.at;
            in.skip(SEQUENCE, end); // validity
            int subjectFrom = in.at;
            in.skip(SEQUENCE, end);
            return new int[] {issuerFrom, issuerTo, subjectFrom, in.at};
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The DER of the leaf's TBSCertificate, the bytes the JDK parsed; {@code null} when it has none. */
    private static byte[] tbsCertificate(X509Certificate leaf) {
        try {
            return leaf.getTBSCertificate();
        } catch (CertificateEncodingException | RuntimeException e) {
            return null;
        }
    }

    /** Uppercase hex SHA-256 of the certificate's DER encoding. */
    public static String fingerprint256(X509Certificate certificate) {
        try {
            return Hex.encode(Hex.sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate has no DER encoding", e);
        }
    }

    /** The serial number as uppercase hex with an even number of digits, as OpenSSL prints it. */
    static String serialHex(X509Certificate certificate) {
        return serialHex(certificate.getSerialNumber());
    }

    /** A serial number as {@link ClientCertificate#serialNumber()} has it: uppercase hex, even length. */
    public static String serialHex(BigInteger serial) {
        // the magnitude's bytes, hex-encoded: as BigInteger.toString(16) padded to even digits, minus its divisions
        byte[] bytes = serial.abs().toByteArray();
        int leadingZeros = 0;
        while (leadingZeros < bytes.length - 1 && bytes[leadingZeros] == 0) {
            leadingZeros++;
        }
        String digits = Hex.encode(leadingZeros == 0 ? bytes : Arrays.copyOfRange(bytes, leadingZeros, bytes.length));
        return serial.signum() < 0 ? "-" + digits : digits;
    }

    /** SANs as {@code TYPE:value}, in certificate order; empty when absent or undecodable. */
    public static List<String> subjectAltNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException | RuntimeException e) {
            return List.of();
        }
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(names.size());
        List<byte[]> directoryNames = null;
        int directoryName = 0;
        for (List<?> name : names) {
            if (name.size() < 2 || !(name.get(0) instanceof Integer type)) {
                continue;
            }
            Object value = name.get(1);
            if (type == DIRECTORY_NAME) {
                if (directoryNames == null) {
                    directoryNames = SubjectAltNames.directoryNames(certificate.getExtensionValue(SUBJECT_ALT_NAME));
                }
                value = rendered(directoryNames, directoryName++, value);
            }
            String formatted = SubjectAltNames.format(type, value);
            if (formatted != null) {
                out.add(formatted);
            }
        }
        return out;
    }

    /** The {@code index}th directoryName rendered from its DER as every certgate DN is, else the JDK's {@code text}. */
    private static Object rendered(List<byte[]> directoryNames, int index, Object text) {
        if (index >= directoryNames.size()) {
            return text;
        }
        try {
            return DistinguishedNames.rfc2253(new X500Principal(directoryNames.get(index)));
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
