package dev.certgate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Name's DER (RFC 5280 section 4.1.2.4) made fit for the JDK's RFC 2253 rendering: every value
 * of an attribute the JDK names by keyword (CN, C, L, ST, STREET, O, OU, DC, UID) that is held in a
 * legacy string type is re-encoded as a UTF8String of the characters its own type means, so the
 * rendered DN is the same on every JDK and the same as OpenSSL's (nginx's and Envoy's DN headers):
 * <ul>
 *   <li>BMPString as UTF-16 and UniversalString as UTF-32 (X.680 clause 41). Java 17 read
 *       a BMPString's bytes as UTF-8, so the CN {@code 慤浩湳} (bytes {@code admins}) was rendered
 *       {@code CN=admins}, and it renders a UniversalString as {@code #hex}, which names no CN;</li>
 *   <li>TeletexString, PrintableString, IA5String and GeneralString holding a byte over 127 as
 *       ISO 8859-1, as OpenSSL and later JDKs (Java 25 tried here) read them; Java 17 read them as UTF-8.</li>
 * </ul>
 * A unit that is no whole character (an odd BMPString, a surrogate, a UniversalString value
 * beyond U+10FFFF) is U+FFFD. Values of types without a keyword stay as sent: RFC 2253 section 2.4
 * renders them as the {@code #hex} of their encoding.
 */
final class DirectoryStrings {

    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int OID = 0x06;
    private static final int UTF8 = 0x0c;
    private static final int PRINTABLE = 0x13;
    private static final int TELETEX = 0x14;
    private static final int IA5 = 0x16;
    private static final int GENERAL = 0x1b;
    private static final int UNIVERSAL = 0x1c;
    private static final int BMP = 0x1e;

    /** What a walk found: nothing to do, an RDN of several values, a value to re-encode. */
    private static final int AS_IS = 0;
    private static final int MULTI_VALUED = 1;
    private static final int REENCODE = 2;

    /** The content octets of the OIDs the JDK renders by an RFC 2253 keyword. */
    private static final byte[][] KEYWORDS = {
        {0x55, 0x04, 0x03}, {0x55, 0x04, 0x06}, {0x55, 0x04, 0x07}, {0x55, 0x04, 0x08}, {0x55, 0x04, 0x09},
        {0x55, 0x04, 0x0a}, {0x55, 0x04, 0x0b},
        {0x09, (byte) 0x92, 0x26, (byte) 0x89, (byte) 0x93, (byte) 0xf2, 0x2c, 0x64, 0x01, 0x19},
        {0x09, (byte) 0x92, 0x26, (byte) 0x89, (byte) 0x93, (byte) 0xf2, 0x2c, 0x64, 0x01, 0x01},
    };

    private DirectoryStrings() {
    }

    /**
     * The encoding to render {@code name}'s RFC 2253 form from, or {@code null} when the principal
     * renders right as it is (or its encoding cannot be walked): {@code name} re-encoded when a value
     * needs it, else {@code name} itself when an RDN holds several values. The JDK lists those in
     * the order of the text a principal was made from, but in DER order for one made from DER, and
     * OpenSSL's RFC 2253 text (nginx's {@code $ssl_client_s_dn}) reverses them: rendered from DER,
     * a DN header names a multi-valued RDN as the certificate does.
     */
    static byte[] forRendering(byte[] name) {
        int found = walk(name, null);
        if (found == REENCODE) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(name.length + 32);
            return walk(name, out) == REENCODE ? out.toByteArray() : null;
        }
        return found == MULTI_VALUED ? name : null;
    }

    /** What {@code name} needs, writing it re-encoded to {@code out} when given; AS_IS when it cannot be walked. */
    private static int walk(byte[] name, ByteArrayOutputStream out) {
        boolean build = out != null;
        try {
            Der in = new Der(name, 0, name.length);
            Der rdns = in.enter(SEQUENCE);
            if (in.more()) {
                return AS_IS;
            }
            int found = AS_IS;
            ByteArrayOutputStream sequence = build ? new ByteArrayOutputStream(name.length + 32) : null;
            while (rdns.more()) {
                Der avas = rdns.enter(SET);
                ByteArrayOutputStream set = build ? new ByteArrayOutputStream() : null;
                int values = 0;
                while (avas.more()) {
                    values++;
                    Der ava = avas.enter(SEQUENCE);
                    int oidStart = ava.at;
                    Der oid = ava.enter(OID);
                    int valueStart = ava.at;
                    int tag = ava.tag();
                    Der value = ava.enter(tag);
                    if (ava.more()) {
                        return AS_IS;
                    }
                    String text = hasKeyword(oid) ? decode(tag, value) : null;
                    if (text != null) {
                        found = REENCODE;
                    }
                    if (build) {
                        ByteArrayOutputStream attribute = new ByteArrayOutputStream();
                        attribute.write(name, oidStart, valueStart - oidStart);
                        if (text == null) {
                            attribute.write(name, valueStart, value.end - valueStart);
                        } else {
                            tlv(attribute, UTF8, text.getBytes(StandardCharsets.UTF_8));
                        }
                        tlv(set, SEQUENCE, attribute.toByteArray());
                    }
                }
                if (values > 1 && found == AS_IS) {
                    found = MULTI_VALUED;
                }
                if (build) {
                    tlv(sequence, SET, set.toByteArray());
                }
            }
            if (build) {
                tlv(out, SEQUENCE, sequence.toByteArray());
            }
            return found;
        } catch (RuntimeException e) {
            // not DER this walk knows (the JDK holds DER; a BER length is not worth the trouble)
            return AS_IS;
        }
    }

    private static boolean hasKeyword(Der oid) {
        for (byte[] keyword : KEYWORDS) {
            if (oid.length() == keyword.length && Arrays.equals(oid.bytes, oid.at, oid.end, keyword, 0, keyword.length)) {
                return true;
            }
        }
        return false;
    }

    /** The characters {@code value} of type {@code tag} means, or {@code null} when the JDK already reads it so. */
    private static String decode(int tag, Der value) {
        byte[] b = value.bytes;
        return switch (tag) {
            case BMP -> new String(b, value.at, value.length(), StandardCharsets.UTF_16BE);
            case UNIVERSAL -> utf32(b, value.at, value.end);
            case TELETEX, PRINTABLE, IA5, GENERAL -> isAscii(b, value.at, value.end) ? null
                    : new String(b, value.at, value.length(), StandardCharsets.ISO_8859_1);
            default -> null;
        };
    }

    private static boolean isAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String utf32(byte[] b, int from, int to) {
        StringBuilder text = new StringBuilder((to - from) / 4 + 1);
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int c = (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | b[i + 3] & 0xff;
            boolean character = c >= 0 && c <= Character.MAX_CODE_POINT && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
            text.appendCodePoint(character ? c : 0xfffd);
        }
        if (i < to) {
            text.append('\ufffd');
        }
        return text.toString();
    }

    /** Writes tag, DER definite length, content. */
    private static void tlv(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.write(content, 0, content.length);
    }

    /** A bounded window over DER: definite lengths only (a JDK-held Name is DER). */
    private static final class Der {
        final byte[] bytes;
        int at;
        final int end;

        Der(byte[] bytes, int at, int end) {
            this.bytes = bytes;
            this.at = at;
            this.end = end;
        }

        boolean more() {
            return at < end;
        }

        int length() {
            return end - at;
        }

        int tag() {
            if (at >= end) {
                throw new IllegalArgumentException("no element");
            }
            return bytes[at] & 0xff;
        }

        /** The content of the next element, which must have {@code tag}; moves past it. */
        Der enter(int tag) {
            if (tag() != tag || at + 2 > end) {
                throw new IllegalArgumentException("unexpected element");
            }
            int p = at + 1;
            int length = bytes[p++] & 0xff;
            if (length >= 0x80) {
                int octets = length & 0x7f;
                if (octets == 0 || octets > 3 || p + octets > end) {
                    throw new IllegalArgumentException("unsupported length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = length << 8 | bytes[p++] & 0xff;
                }
            }
            if (length > end - p) {
                throw new IllegalArgumentException("element overruns its parent");
            }
            at = p + length;
            return new Der(bytes, p, p + length);
        }
    }
}
