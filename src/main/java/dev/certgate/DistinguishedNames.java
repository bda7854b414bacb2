package dev.certgate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * RFC 2253 distinguished names: rendering and common-name extraction.
 *
 * <p>Names are parsed with {@link LdapName}, never with a regular expression, so an escaped comma
 * ({@code CN=Smith\, John}), a quoted value, a {@code +} multi-valued RDN or a whole DN smuggled
 * inside a CN value ({@code CN=evil\,CN=admin}) yields exactly the value the certificate carries.
 */
public final class DistinguishedNames {

    private static final String COMMON_NAME = "CN";

    private DistinguishedNames() {
    }

    /** The principal as an RFC 2253 string, the form every certgate DN uses. */
    public static String rfc2253(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }

    /**
     * The common name of the most specific RDN that has one (the leftmost in RFC 2253 order);
     * within a multi-valued RDN, the first CN. Empty when the DN has no CN, cannot be parsed, or
     * its CN is not a string (a {@code #hex} encoded value) or is empty.
     */
    public static Optional<String> commonName(String rfc2253Dn) {
        if (rfc2253Dn == null || rfc2253Dn.isEmpty()) {
            return Optional.empty();
        }
        List<Rdn> rdns;
        try {
            rdns = new LdapName(rfc2253Dn).getRdns();
        } catch (InvalidNameException | RuntimeException e) {
            // LdapName's parser throws StringIndexOutOfBoundsException on some garbage
            return Optional.empty();
        }
        // LdapName lists RDNs from the least specific (rightmost) to the most specific.
        for (int i = rdns.size() - 1; i >= 0; i--) {
            if (hasCommonName(rdns.get(i))) {
                // an empty most-specific CN names nobody: never fall back to an outer CN
                return commonNameOf(rdns.get(i)).filter(cn -> !cn.isEmpty());
            }
        }
        return Optional.empty();
    }

    /** The common name of a principal, as {@link #commonName(String)} finds it. */
    public static Optional<String> commonName(X500Principal principal) {
        return commonName(rfc2253(principal));
    }

    private static boolean hasCommonName(Rdn rdn) {
        for (var attribute : java.util.Collections.list(rdn.toAttributes().getAll())) {
            if (isCommonName(attribute.getID())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCommonName(String id) {
        return id.toUpperCase(Locale.ROOT).equals(COMMON_NAME) || id.equals("2.5.4.3");
    }

    private static Optional<String> commonNameOf(Rdn rdn) {
        try {
            for (var attribute : java.util.Collections.list(rdn.toAttributes().getAll())) {
                if (isCommonName(attribute.getID())) {
                    Object value = attribute.get();
                    return value instanceof String s ? Optional.of(s) : Optional.empty();
                }
            }
        } catch (javax.naming.NamingException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
