package dev.certgate.source;

import dev.certgate.DistinguishedNames;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * A parser of Traefik's {@code X-Forwarded-Tls-Client-Cert-Info} header (the {@code passTLSClientCert}
 * middleware's {@code info} option, as Traefik documents and tests it), after the header value
 * has been query-unescaped (Traefik escapes it with Go's {@code url.QueryEscape}):
 *
 * <pre>
 * info     = element *( "," element )           ; one per certificate the client sent, leaf first
 * element  = [ field *( ";" field ) ]           ; empty when none of the selected details exist
 * field    = key "=" DQUOTE *qchar DQUOTE       ; Subject, Issuer, SerialNumber, NB, NA, SAN; any case
 * qchar    = any char but DQUOTE                ; Traefik does not escape inside the quotes
 * Subject  = part *( "," part )                 ; also Issuer
 * part     = type "=" 1*(any char but ",")      ; type in DC C ST L O OU SN CN, in this order
 * SerialNumber = 1*DIGIT                        ; decimal
 * NB, NA   = 1*DIGIT                            ; Unix seconds
 * SAN      = san *( "," san )                   ; DNS names, emails, IPs, URIs, untyped
 * </pre>
 *
 * Traefik writes a name's parts grouped by type in that fixed order, each {@code CN} and
 * {@code SN} once and last, and escapes nothing inside them. So a value holding a comma cannot
 * be told apart from two parts: a part out of that order, a second {@code CN} or a part without
 * {@code =} means a value held a comma, and the header is malformed rather than guessed at (a
 * {@code CN} reading {@code evil,CN=admin} never becomes {@code admin}). Known keys appear at most
 * once per element; unknown keys (a newer Traefik may add some) are skipped. Caps: {@value #MAX_FIELDS}
 * fields per element, {@link Certificates#MAX_CHAIN} elements, {@value #MAX_SANS} SANs.
 */
public final class TraefikInfoParser {

    static final int MAX_FIELDS = 16;
    static final int MAX_SANS = 128;
    static final int MAX_DN_PARTS = 64;
    private static final int MAX_DIGITS = 64;

    /** Traefik's part types, in the order it writes them, with what X500Principal calls them. */
    private static final List<String> TYPES = List.of("DC", "C", "ST", "L", "O", "OU", "SN", "CN");
    private static final Map<String, String> X500_KEYWORDS = Map.of("SN", "2.5.4.5");

    private final String text;
    private int at;

    private TraefikInfoParser(String text) {
        this.text = text;
    }

    /** Every element, leaf first, from the query-unescaped header value. */
    public static List<TraefikCertInfo> parse(String info) throws MalformedHeaderException {
        return new TraefikInfoParser(info).info();
    }

    private List<TraefikCertInfo> info() throws MalformedHeaderException {
        List<TraefikCertInfo> elements = new ArrayList<>();
        do {
            if (elements.size() == Certificates.MAX_CHAIN) {
                throw error("more than " + Certificates.MAX_CHAIN + " certificates");
            }
            elements.add(element());
        } while (next(','));
        if (at < text.length()) {
            throw error("unexpected '" + text.charAt(at) + "'");
        }
        return elements;
    }

    private TraefikCertInfo element() throws MalformedHeaderException {
        Fields fields = new Fields();
        if (at == text.length() || text.charAt(at) == ',') {
            return fields.build();
        }
        int count = 0;
        do {
            if (++count > MAX_FIELDS) {
                throw error("more than " + MAX_FIELDS + " fields for one certificate");
            }
            int keyAt = at;
            String key = key();
            expect('=');
            expect('"');
            int close = text.indexOf('"', at);
            if (close < 0) {
                throw error("unterminated quoted value");
            }
            String value = text.substring(at, close);
            at = close + 1;
            fields.put(key.toLowerCase(Locale.ROOT), value, keyAt);
        } while (next(';'));
        return fields.build();
    }

    private String key() throws MalformedHeaderException {
        int start = at;
        while (at < text.length() && Character.isLetterOrDigit(text.charAt(at)) && text.charAt(at) < 0x80) {
            at++;
        }
        if (at == start) {
            throw error("expected a key");
        }
        return text.substring(start, at);
    }

    private boolean next(char separator) {
        if (at < text.length() && text.charAt(at) == separator) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws MalformedHeaderException {
        if (at >= text.length() || text.charAt(at) != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private MalformedHeaderException error(String what) {
        return new MalformedHeaderException("X-Forwarded-Tls-Client-Cert-Info: " + what + " at " + at);
    }

    /** A {@code Subject} or {@code Issuer} value as a DN, most specific part first. */
    static Name name(String value, String field) throws MalformedHeaderException {
        if (value.isEmpty()) {
            throw new MalformedHeaderException(field + " is empty");
        }
        if (HeaderText.hasControlCharacter(value)) {
            throw new MalformedHeaderException(field + " holds a control character");
        }
        String[] parts = value.split(",", -1);
        if (parts.length > MAX_DN_PARTS) {
            throw new MalformedHeaderException(field + " has more than " + MAX_DN_PARTS + " parts");
        }
        StringBuilder dn = new StringBuilder();
        String cn = null;
        int last = -1;
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new MalformedHeaderException(field + " part '" + part + "' is not TYPE=value (a value with a comma?)");
            }
            String type = part.substring(0, eq);
            int rank = TYPES.indexOf(type);
            if (rank < 0) {
                throw new MalformedHeaderException(field + " part type '" + type + "' is not one Traefik writes");
            }
            if (rank < last || rank == last && (type.equals("SN") || type.equals("CN"))) {
                throw new MalformedHeaderException(field + " part " + type + " is out of Traefik's order (a value with a comma?)");
            }
            last = rank;
            String attribute = part.substring(eq + 1);
            if (type.equals("CN")) {
                cn = attribute;
            }
            String rdn = X500_KEYWORDS.getOrDefault(type, type) + "=" + Rdn.escapeValue(attribute);
            dn.insert(0, dn.length() == 0 ? rdn : rdn + ",");
        }
        try {
            return new Name(DistinguishedNames.rfc2253(new X500Principal(dn.toString())), cn);
        } catch (IllegalArgumentException e) {
            throw new MalformedHeaderException(field + " is not a distinguished name", e);
        }
    }

    /** A DN rebuilt from Traefik's parts, and its CN part. */
    record Name(String dn, String cn) {
    }

    static BigInteger digits(String value, String field) throws MalformedHeaderException {
        if (value.isEmpty() || value.length() > MAX_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedHeaderException(field + " is not a decimal number");
        }
        return new BigInteger(value);
    }

    static Instant unixSeconds(String value, String field) throws MalformedHeaderException {
        BigInteger seconds = digits(value, field);
        try {
            return Instant.ofEpochSecond(seconds.longValueExact());
        } catch (ArithmeticException | DateTimeException e) {
            throw new MalformedHeaderException(field + " is out of range");
        }
    }

    static List<String> sans(String value) throws MalformedHeaderException {
        String[] entries = value.split(",", -1);
        if (entries.length > MAX_SANS) {
            throw new MalformedHeaderException("SAN has more than " + MAX_SANS + " names");
        }
        List<String> out = new ArrayList<>(entries.length);
        for (String entry : entries) {
            if (entry.isEmpty()) {
                throw new MalformedHeaderException("SAN has an empty name");
            }
            if (HeaderText.hasControlCharacter(entry)) {
                throw new MalformedHeaderException("SAN holds a control character");
            }
            out.add(entry);
        }
        return out;
    }

    /** One element's fields; known keys once each. */
    private static final class Fields {
        private Name subject;
        private Name issuer;
        private BigInteger serial;
        private Instant notBefore;
        private Instant notAfter;
        private List<String> sans;
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        void put(String key, String value, int at) throws MalformedHeaderException {
            boolean known = switch (key) {
                case "subject", "issuer", "serialnumber", "nb", "na", "san" -> true;
                default -> false;
            };
            if (!known) {
                return; // a key this version does not know: skipped, bounded by MAX_FIELDS
            }
            if (!seen.add(key)) {
                throw new MalformedHeaderException("X-Forwarded-Tls-Client-Cert-Info: " + key + " repeated at " + at);
            }
            switch (key) {
                case "subject" -> subject = name(value, "Subject");
                case "issuer" -> issuer = name(value, "Issuer");
                case "serialnumber" -> serial = digits(value, "SerialNumber");
                case "nb" -> notBefore = unixSeconds(value, "NB");
                case "na" -> notAfter = unixSeconds(value, "NA");
                default -> sans = sans(value);
            }
        }

        TraefikCertInfo build() {
            return new TraefikCertInfo(subject == null ? null : subject.dn(), subject == null ? null : subject.cn(),
                    issuer == null ? null : issuer.dn(), issuer == null ? null : issuer.cn(), serial, notBefore,
                    notAfter, sans == null ? List.of() : sans);
        }
    }
}
