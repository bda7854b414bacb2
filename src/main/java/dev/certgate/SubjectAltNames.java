package dev.certgate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code TYPE:value} text form of one GeneralName (RFC 5280 section 4.2.1.6) as the JDK
 * reports it from {@link java.security.cert.X509Certificate#getSubjectAlternativeNames()}.
 *
 * <p>Types: {@code OTHERNAME} (0), {@code EMAIL} (1), {@code DNS} (2), {@code X400} (3),
 * {@code DIRNAME} (4), {@code EDIPARTY} (5), {@code URI} (6), {@code IP} (7), {@code RID} (8).
 * IP addresses are canonical ({@link IpAddresses}); an otherName renders as
 * {@code OTHERNAME:oid=value} when its value is a string (a Microsoft UPN, say), else
 * {@code OTHERNAME:oid}; types the JDK gives only as DER render as hex.
 */
public final class SubjectAltNames {

    /** The SAN type names certgate uses, indexed by GeneralName tag. */
    static final String[] TYPES = {"OTHERNAME", "EMAIL", "DNS", "X400", "DIRNAME", "EDIPARTY", "URI", "IP", "RID"};

    private SubjectAltNames() {
    }

    /** Whether {@code type} (any case) is one of the SAN type names. */
    public static boolean isType(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        for (String t : TYPES) {
            if (t.equals(upper)) {
                return true;
            }
        }
        return false;
    }

    /** Formats one JDK GeneralName entry, or returns {@code null} for an unknown tag. */
    static String format(int tag, Object value) {
        if (tag < 0 || tag >= TYPES.length || value == null) {
            return null;
        }
        String type = TYPES[tag];
        if (tag == 7 && value instanceof String ip) {
            return type + ":" + IpAddresses.canonical(ip).orElse(ip);
        }
        if (tag == 4 && value instanceof String dn) {
            return type + ":" + dn;
        }
        if (value instanceof String s) {
            return type + ":" + s;
        }
        if (value instanceof byte[] der) {
            return type + ":" + (tag == 0 ? OtherName.format(der) : Hex.encode(der));
        }
        return null;
    }

    /**
     * The DER of each directoryName ({@code [4]}, RFC 5280 section 4.2.1.6) of a SAN extension
     * value as {@link java.security.cert.X509Certificate#getExtensionValue} gives it, in order; empty
     * when it cannot be read. The JDK hands a directoryName over as its own RFC 2253 text only,
     * which on Java 17 read legacy string types wrongly ({@link DistinguishedNames#rfc2253}).
     */
    static List<byte[]> directoryNames(byte[] extensionValue) {
        List<byte[]> found = new ArrayList<>(1);
        try {
            Der value = new Der(extensionValue, 0, extensionValue.length).enter(0x04); // OCTET STRING
            Der names = value == null ? null : value.enter(0x30);                      // GeneralNames
            if (names == null) {
                return List.of();
            }
            while (names.peek() >= 0) {
                int tag = names.peek();
                Der name = names.enterAny();
                if (name == null) {
                    return List.of();
                }
                if (tag == 0xa4) {                                                     // [4] EXPLICIT Name
                    found.add(Arrays.copyOfRange(name.bytes, name.pos, name.end));
                }
            }
            return found;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Minimal DER reading of OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }. */
    static final class OtherName {
        private OtherName() {
        }

        static String format(byte[] der) {
            try {
                Der in = new Der(der, 0, der.length);
                Der content = in.enter(0x30);            // SEQUENCE (the JDK hands the bare OtherName)
                if (content == null) {
                    content = in.enterAny();              // or the [0] IMPLICIT GeneralName wrapper
                    if (content == null) {
                        return Hex.encode(der);
                    }
                }
                String oid = content.readOid();
                if (oid == null) {
                    return Hex.encode(der);
                }
                Der explicit = content.enter(0xa0);       // [0] EXPLICIT
                if (explicit != null && explicit.peek() == 0xa0) {
                    // The JDK re-encodes the [0] it already holds inside a second [0]
                    // (sun.security.x509.OtherName.encode), so unwrap one more level.
                    explicit = explicit.enter(0xa0);
                }
                String value = explicit == null ? null : explicit.readString();
                return value == null ? oid : oid + "=" + value;
            } catch (RuntimeException e) {
                return Hex.encode(der);
            }
        }
    }

    /** A bounded view over DER bytes: just enough to read an OID and a string. */
    static final class Der {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Der(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        /** Enters the next element if its tag is {@code tag}; otherwise leaves the position alone. */
        Der enter(int tag) {
            if (pos >= end || (bytes[pos] & 0xff) != tag) {
                return null;
            }
            return enterAny();
        }

        /** The tag of the next element, or -1 at the end. */
        int peek() {
            return pos < end ? bytes[pos] & 0xff : -1;
        }

        Der enterAny() {
            DerCursor header = new DerCursor(bytes, pos);
            try {
                int contentEnd = header.enter(header.tag(end), end);
                pos = contentEnd;
                return new Der(bytes, header.at, contentEnd);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }

        String readOid() {
            if (pos >= end || bytes[pos] != 0x06) {
                return null;
            }
            Der oid = enterAny();
            if (oid == null || oid.pos >= oid.end) {
                return null;
            }
            StringBuilder out = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = oid.pos; i < oid.end; i++) {
                value = (value << 7) | (oid.bytes[i] & 0x7f);
                if (value > Integer.MAX_VALUE) {
                    return null;
                }
                if ((oid.bytes[i] & 0x80) == 0) {
                    if (first) {
                        int arc1 = value < 80 ? (int) (value / 40) : 2;
                        out.append(arc1).append('.').append(value - 40L * arc1);
                        first = false;
                    } else {
                        out.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return out.toString();
        }

        String readString() {
            if (pos >= end) {
                return null;
            }
            int tag = bytes[pos] & 0xff;
            Der s = enterAny();
            if (s == null) {
                return null;
            }
            return switch (tag) {
                case 0x0c -> new String(bytes, s.pos, s.end - s.pos, StandardCharsets.UTF_8);     // UTF8String
                case 0x13, 0x16, 0x1a -> new String(bytes, s.pos, s.end - s.pos, StandardCharsets.US_ASCII); // Printable, IA5, Visible
                default -> null;
            };
        }
    }
}
