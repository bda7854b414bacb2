package dev.certgate.trust;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little DER (ITU-T X.690 section 10) certgate needs for OCSP: encode a request, and find a
 * few fields in a response or an extension. Definite lengths only, single-byte tags only, every
 * length checked against its enclosing element; anything else is {@link Malformed}.
 */
final class Der {

    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int ENUMERATED = 0x0a;
    static final int GENERALIZED_TIME = 0x18;

    private Der() {
    }

    /** One element: its tag and where its content lies in {@code data}. */
    record Element(int tag, byte[] data, int start, int end) {

        byte[] content() {
            return Arrays.copyOfRange(data, start, end);
        }

        /** The elements this constructed element holds, in order. */
        List<Element> children() throws Malformed {
            List<Element> out = new ArrayList<>();
            int at = start;
            while (at < end) {
                Element child = read(data, at, end);
                out.add(child);
                at = child.end;
            }
            return out;
        }

        /** The {@code index}th element this constructed element holds. */
        Element child(int index) throws Malformed {
            List<Element> children = children();
            if (index >= children.size()) {
                throw new Malformed("element at offset " + start + " has no element " + index);
            }
            return children.get(index);
        }

        /** This element, which must have {@code expected} as its tag. */
        Element expect(int expected) throws Malformed {
            if (tag != expected) {
                throw new Malformed("expected tag 0x" + Integer.toHexString(expected) + ", found 0x"
                        + Integer.toHexString(tag) + " at offset " + start);
            }
            return this;
        }

        /** The only child, whose tag must be {@code expected} (an EXPLICIT tag's content). */
        Element inner(int expected) throws Malformed {
            List<Element> children = children();
            if (children.size() != 1) {
                throw new Malformed("expected one element inside the tag at offset " + start);
            }
            return children.get(0).expect(expected);
        }
    }

    /** The whole of {@code data} as one element; nothing may follow it. */
    static Element parse(byte[] data) throws Malformed {
        Element element = read(data, 0, data.length);
        if (element.end != data.length) {
            throw new Malformed((data.length - element.end) + " bytes after the DER element");
        }
        return element;
    }

    private static Element read(byte[] data, int at, int limit) throws Malformed {
        if (limit - at < 2) {
            throw new Malformed("truncated element at offset " + at);
        }
        int tag = data[at] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new Malformed("multi-byte tag at offset " + at);
        }
        int first = data[at + 1] & 0xff;
        int contentStart = at + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 4 || contentStart + octets > limit) {
                throw new Malformed("unsupported length encoding at offset " + at);
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (data[contentStart + i] & 0xff);
            }
            contentStart += octets;
        }
        if (length > limit - contentStart) {
            throw new Malformed("element at offset " + at + " is longer than what holds it");
        }
        return new Element(tag, data, contentStart, contentStart + (int) length);
    }

    /** {@code tag}, its DER length, then {@code content}. */
    static byte[] encode(int tag, byte[]... content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : content) {
            body.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0;
            out.write(0x80 | (digits.length - skip));
            out.write(digits, skip, digits.length - skip);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** A DER input that is not what it should be. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}
