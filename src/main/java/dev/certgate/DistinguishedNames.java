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

    /**
     * The principal as an RFC 2253 string, the form every certgate DN uses: the JDK's, with each
     * value in a legacy string type (BMPString, UniversalString, a TeletexString beyond ASCII, ...)
     * read by its own character set and a multi-valued RDN in DER order ({@link DirectoryStrings}),
     * so that it is the same on every JDK and for every source of the same name.
     */
    public static String rfc2253(X500Principal principal) {
        byte[] encoded = principal.getEncoded();
        return rfc2253(principal, encoded, 0, encoded.length);
    }

    /** As {@link #rfc2253(X500Principal)}, with the principal's encoding known: {@code der[from, to)}. */
    static String rfc2253(X500Principal principal, byte[] der, int from, int to) {
        byte[] rendering = DirectoryStrings.forRendering(der, from, to);
        if (rendering != null) {
            try {
                return new X500Principal(rendering).getName(X500Principal.RFC2253);
            } catch (IllegalArgumentException e) {
                // cannot happen for an encoding re-built from one the JDK parsed; keep the JDK's form
            }
        }
        return principal.getName(X500Principal.RFC2253);
    }

    /**
     * The common name of the most specific RDN that has one (the leftmost in RFC 2253 order);
     * a multi-valued RDN may hold it beside other attributes ({@code UID=b+CN=a}). Empty when the
     * DN has no CN, cannot be parsed, its CN is not a string (a {@code #hex} encoded value) or is
     * empty, or that RDN holds two CNs ({@code CN=zzz+CN=admin}: an RDN's values have no order, so
     * neither names the certificate).
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

    /**
     * As {@link #commonName(String)}, for a DN the JDK rendered ({@link #rfc2253}) from a parsed
     * certificate: well-formed, most specific RDN first, special characters escaped. When that
     * RDN is a plain {@code CN=value} (no escape, quote, {@code #}, {@code +}, {@code ;},
     * {@code =}, {@code <}, {@code >} or edge space in the value) the value is the answer as it
     * stands, exactly what {@link LdapName} would give, without building one (its objects are
     * most of a forwarded certificate's normalization); any other DN is parsed with LdapName.
     *
     * @return the common name, or {@code null}
     */
    static String commonNameOfRendered(String rfc2253Dn) {
        if (rfc2253Dn.startsWith("CN=")) {
            int end = 3;
            while (end < rfc2253Dn.length() && rfc2253Dn.charAt(end) != ',' && isPlain(rfc2253Dn.charAt(end))) {
                end++;
            }
            boolean plainRdn = end == rfc2253Dn.length() || rfc2253Dn.charAt(end) == ',';
            if (plainRdn && end > 3 && rfc2253Dn.charAt(3) != ' ' && rfc2253Dn.charAt(end - 1) != ' ') {
                return rfc2253Dn.substring(3, end);
            }
        }
        return commonName(rfc2253Dn).orElse(null);
    }

    private static boolean isPlain(char c) {
        return c != '\\' && c != '"' && c != '#' && c != '+' && c != ';' && c != '=' && c != '<' && c != '>';
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
        Object found = null;
        int count = 0;
        try {
            for (var attribute : java.util.Collections.list(rdn.toAttributes().getAll())) {
                if (isCommonName(attribute.getID())) {
                    count += attribute.size();
                    found = attribute.get();
                }
            }
        } catch (javax.naming.NamingException e) {
            return Optional.empty();
        }
        return count == 1 && found instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
