package dev.certgate.source;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The part of RFC 8941 (Structured Field Values) that RFC 9440 needs: an Item or a List whose
 * members are Byte Sequences ({@code :base64:}), each optionally followed by Parameters, which
 * are parsed for well-formedness and ignored. Anything else (a token, a string, an inner list as
 * a member) is malformed. Errors name the position and the RFC 8941 rule.
 */
final class StructuredFields {

    private final String text;
    private int at;

    private StructuredFields(String text) {
        this.text = text;
    }

    /** An sf-item that must be a Byte Sequence (RFC 8941 §4.2.3). */
    static byte[] byteSequenceItem(String field) throws MalformedHeaderException {
        StructuredFields p = new StructuredFields(field);
        p.skipSpaces();
        byte[] value = p.byteSequence();
        p.parameters();
        p.skipSpaces();
        if (p.at != field.length()) {
            throw p.error("unexpected content after the item (§4.2)");
        }
        return value;
    }

    /** An sf-list whose members must be Byte Sequences (RFC 8941 §4.2.1), at most {@code max} of them. */
    static List<byte[]> byteSequenceList(String field, int max) throws MalformedHeaderException {
        StructuredFields p = new StructuredFields(field);
        List<byte[]> members = new ArrayList<>();
        p.skipSpaces();
        while (p.at < field.length()) {
            if (members.size() == max) {
                throw p.error("more than " + max + " members");
            }
            members.add(p.byteSequence());
            p.parameters();
            p.skipOws();
            if (p.at == field.length()) {
                break;
            }
            if (field.charAt(p.at) != ',') {
                throw p.error("expected ',' between list members (§4.2.1)");
            }
            p.at++;
            p.skipOws();
            if (p.at == field.length()) {
                throw p.error("trailing ',' (§4.2.1)");
            }
        }
        if (members.isEmpty()) {
            throw p.error("an empty list");
        }
        return members;
    }

    /**
     * §4.2.7: ":" base64 ":", padding optional, nothing outside the base64 alphabet. The closing
     * ":" is found by {@link String#indexOf(int, int)} (vectorized by the JDK); the alphabet is
     * the base64 decoder's to check, which refuses every character outside it (a character beyond
     * Latin-1 reaches it as {@code ?}), so no loop looks at each character first.
     */
    private byte[] byteSequence() throws MalformedHeaderException {
        if (at >= text.length() || text.charAt(at) != ':') {
            throw error("expected a Byte Sequence ':...:' (§4.2.7)");
        }
        int start = ++at;
        int close = text.indexOf(':', start);
        if (close < 0) {
            at = text.length();
            throw error("unterminated Byte Sequence (§4.2.7)");
        }
        at = close + 1;
        if (close == start) {
            throw error("an empty Byte Sequence");
        }
        try {
            return Base64.getDecoder().decode(text.substring(start, close));
        } catch (IllegalArgumentException e) {
            throw error("a Byte Sequence that is not base64 (§4.2.7)");
        }
    }

    /** §4.2.3.2: *( ";" *SP key [ "=" bare-item ] ). */
    private void parameters() throws MalformedHeaderException {
        while (at < text.length() && text.charAt(at) == ';') {
            at++;
            skipSpaces();
            key();
            if (at < text.length() && text.charAt(at) == '=') {
                at++;
                bareItem();
            }
        }
    }

    private void key() throws MalformedHeaderException {
        if (at >= text.length() || !(text.charAt(at) >= 'a' && text.charAt(at) <= 'z' || text.charAt(at) == '*')) {
            throw error("a parameter key must start with a lowercase letter or '*' (§4.2.3.3)");
        }
        while (at < text.length() && isKeyChar(text.charAt(at))) {
            at++;
        }
    }

    private void bareItem() throws MalformedHeaderException {
        if (at >= text.length()) {
            throw error("a parameter without a value after '=' (§4.2.3.1)");
        }
        char c = text.charAt(at);
        if (c == ':') {
            byteSequence();
        } else if (c == '"') {
            string();
        } else if (c == '?') {
            at++;
            if (at >= text.length() || (text.charAt(at) != '0' && text.charAt(at) != '1')) {
                throw error("a Boolean must be ?0 or ?1 (§4.2.8)");
            }
            at++;
        } else if (c == '-' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '*') {
            int start = at;
            while (at < text.length() && "!#$%&'*+-.^_`|~:/0123456789".indexOf(text.charAt(at)) >= 0
                    || at < text.length() && Character.isLetter(text.charAt(at)) && text.charAt(at) < 128) {
                at++;
            }
            if (at == start) {
                throw error("an empty bare item");
            }
        } else {
            throw error("not a bare item (§4.2.3.1)");
        }
    }

    private void string() throws MalformedHeaderException {
        int open = at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                if (at >= text.length() || (text.charAt(at) != '"' && text.charAt(at) != '\\')) {
                    throw error("a bad escape in a String (§4.2.5)");
                }
                at++;
            } else if (c < 0x20 || c > 0x7e) {
                throw error("a character outside a String's range (§4.2.5)");
            }
        }
        throw new MalformedHeaderException("unterminated String opened at " + open + " (RFC 8941 §4.2.5)");
    }

    private static boolean isKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '*';
    }

    private void skipSpaces() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }

    private void skipOws() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
    }

    private MalformedHeaderException error(String what) {
        return new MalformedHeaderException("structured field: " + what + " at " + at + " (RFC 8941)");
    }
}
