package dev.certgate.source;

import dev.certgate.DistinguishedNames;
import java.util.ArrayList;
import java.util.List;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The {@code Subject} of a hash-only XFCC element as the RFC 2253 DN every other source gives.
 * Envoy writes RFC 2253; its documentation's example ({@code /C=US/ST=CA/L=San Francisco/OU=Lyft/CN=Test Client})
 * is OpenSSL's one-line form, most significant RDN first, which is read in reverse. Anything else
 * is malformed, as a {@code headers} subject DN is, rather than a free string a CN allow-list or
 * {@code subjectDN} reader would take for a DN.
 */
final class XfccSubject {

    private XfccSubject() {
    }

    /** {@code sent} (empty: no subject) in RFC 2253. */
    static String rfc2253(String sent) throws MalformedHeaderException {
        if (sent.isEmpty()) {
            return "";
        }
        try {
            return DistinguishedNames.rfc2253(new X500Principal(sent.startsWith("/") ? fromOneLine(sent) : sent));
        } catch (IllegalArgumentException e) {
            throw new MalformedHeaderException("Subject is not a distinguished name");
        }
    }

    /** {@code /TYPE=value/…} in RFC 2253 order; its values are raw (OpenSSL escapes none of RFC 2253's specials). */
    private static String fromOneLine(String oneLine) {
        String[] parts = oneLine.substring(1).split("/", -1);
        List<String> rdns = new ArrayList<>();
        for (String part : parts) {
            int equals = part.indexOf('=');
            if (equals <= 0 || !keyword(part.substring(0, equals))) {
                throw new IllegalArgumentException("not TYPE=value");
            }
            rdns.add(0, part.substring(0, equals) + "=" + Rdn.escapeValue(part.substring(equals + 1)));
        }
        return String.join(",", rdns);
    }

    /** An attribute type keyword (RFC 4514 section 3: a letter, then letters, digits and hyphens). */
    private static boolean keyword(String type) {
        if (!Character.isLetter(type.charAt(0))) {
            return false;
        }
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
