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
        return forRendering(name, 0, name.length);
    }

    /** As {@link #forRendering(byte[])}, for the Name encoded in {@code bytes[from, to)}. */
    static byte[] forRendering(byte[] bytes, int from, int to) {
        int found = walk(bytes, from, to, null);
        if (found == REENCODE) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(to - from + 32);
            return walk(bytes, from, to, out) == REENCODE ? out.toByteArray() : null;
        }
        if (found != MULTI_VALUED) {
            return null;
        }
        return from == 0 && to == bytes.length ? bytes : Arrays.copyOfRange(bytes, from, to);
    }

    /**
     * What {@code name} needs, writing it re-encoded to {@code out} when given; AS_IS when it cannot
     * be walked. Positions only, so that finding nothing (the usual answer) allocates one cursor.
     */
    private static int walk(byte[] name, int from, int to, ByteArrayOutputStream out) {
        boolean build = out != null;
        try {
            DerCursor in = new DerCursor(name, from);
            int nameEnd = in.enter(SEQUENCE, to);
            if (nameEnd != to) {
                return AS_IS;
            }
            int found = AS_IS;
            ByteArrayOutputStream sequence = build ? new ByteArrayOutputStream(to - from + 32) : null;
            while (in.at < nameEnd) {
                int setEnd = in.enter(SET, nameEnd);
                ByteArrayOutputStream set = build ? new ByteArrayOutputStream() : null;
                int values = 0;
                while (in.at < setEnd) {
                    values++;
                    int avaEnd = in.enter(SEQUENCE, setEnd);
                    int oidStart = in.at;
                    int oidEnd = in.enter(OID, avaEnd);
                    boolean keyword = hasKeyword(name, in.at, oidEnd);
                    in.at = oidEnd;
                    int valueStart = in.at;
                    int tag = in.tag(avaEnd);
                    int valueEnd = in.enter(tag, avaEnd);
                    if (valueEnd != avaEnd) {
                        return AS_IS;
                    }
                    String text = keyword ? decode(tag, name, in.at, valueEnd) : null;
                    in.at = valueEnd;
                    if (text != null) {
                        found = REENCODE;
                    }
                    if (build) {
                        ByteArrayOutputStream attribute = new ByteArrayOutputStream();
                        attribute.write(name, oidStart, valueStart - oidStart);
                        if (text == null) {
                            attribute.write(name, valueStart, valueEnd - valueStart);
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

    private static boolean hasKeyword(byte[] name, int from, int to) {
        for (byte[] keyword : KEYWORDS) {
            if (to - from == keyword.length && Arrays.equals(name, from, to, keyword, 0, keyword.length)) {
                return true;
            }
        }
        return false;
    }

    /** The characters of the value {@code b[from, to)} of type {@code tag}, or {@code null} when the JDK already reads it so. */
    private static String decode(int tag, byte[] b, int from, int to) {
        return switch (tag) {
            case BMP -> new String(b, from, to - from, StandardCharsets.UTF_16BE);
            case UNIVERSAL -> utf32(b, from, to);
            case TELETEX, PRINTABLE, IA5, GENERAL -> isAscii(b, from, to) ? null : new String(b, from, to - from, StandardCharsets.ISO_8859_1);
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
}
