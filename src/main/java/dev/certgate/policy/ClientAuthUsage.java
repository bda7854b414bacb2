package dev.certgate.policy;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Whether a certificate's own extensions allow it to authenticate a TLS client, as OpenSSL's
 * {@code sslclient} purpose and the JDK's end-entity checks require of every client certificate:
 * a key usage extension (RFC 5280 §4.2.1.3), when present, includes {@code digitalSignature} or
 * {@code keyAgreement}; an extended key usage extension (§4.2.1.12), when present, includes
 * {@code id-kp-clientAuth} or {@code anyExtendedKeyUsage}. A certificate failing this (a CA
 * certificate with only {@code keyCertSign}, a server-only certificate) cannot have completed the
 * handshake it is forwarded from. The CA flag alone does not refuse: TLS stacks accept a
 * self-signed client certificate marked {@code CA:TRUE}, as {@code openssl req -x509} makes them.
 * An extension the JDK cannot decode refuses (fail closed).
 */
final class ClientAuthUsage {

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_AGREEMENT = 4;
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private ClientAuthUsage() {
    }

    static boolean permits(X509Certificate certificate) {
        boolean[] keyUsage;
        List<String> extendedKeyUsage;
        try {
            keyUsage = certificate.getKeyUsage();
            extendedKeyUsage = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException | RuntimeException e) {
            return false;
        }
        if (keyUsage != null && !bit(keyUsage, DIGITAL_SIGNATURE) && !bit(keyUsage, KEY_AGREEMENT)) {
            return false;
        }
        return extendedKeyUsage == null || extendedKeyUsage.contains(CLIENT_AUTH)
                || extendedKeyUsage.contains(ANY_EXTENDED_KEY_USAGE);
    }

    private static boolean bit(boolean[] bits, int index) {
        return index < bits.length && bits[index];
    }
}
