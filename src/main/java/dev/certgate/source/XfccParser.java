package dev.certgate.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser of Envoy's {@code x-forwarded-client-cert} header, as Envoy documents
 * it (HTTP connection manager, "x-forwarded-client-cert"):
 *
 * <pre>
 * header   = element *( OWS "," OWS element )
 * element  = pair *( OWS ";" OWS pair )
 * pair     = key "=" value
 * key      = 1*keychar                      ; By, Hash, Cert, Chain, Subject, URI, DNS; any case
 * keychar  = any char but "=" "," ";" DQUOTE and whitespace
 * value    = quoted / 1*plain
 * plain    = any char but "," ";" DQUOTE    ; trailing whitespace is not part of the value
 * quoted   = DQUOTE *( qchar / escape ) DQUOTE
 * escape   = "\" DQUOTE / "\\"              ; stand for DQUOTE and "\"
 * qchar    = any char but DQUOTE; a "\" before any other char is kept, with that char
 * </pre>
 *
 * So {@code Subject="CN=a\,b"} keeps its RFC 2253 escape: the CN is {@code a,b}, never two RDNs.
 * {@code URI} and {@code DNS} may repeat; any other known key twice is malformed; unknown keys
 * (a newer Envoy may add some) are skipped. At most {@value #MAX_ELEMENTS} elements of at most
 * {@value #MAX_PAIRS} pairs; the header's length is capped before parsing by
 * {@code certgate.max-header-bytes}. Errors name the position.
 */
public final class XfccParser {

    static final int MAX_ELEMENTS = 32;
    static final int MAX_PAIRS = 64;

    private final String text;
    private int at;

    private XfccParser(String text) {
        this.text = text;
    }

    /** Every element, in header order (the last was appended by the nearest proxy). */
    public static List<XfccElement> parse(String header) throws MalformedHeaderException {
        return new XfccParser(header).header();
    }

    private List<XfccElement> header() throws MalformedHeaderException {
        List<XfccElement> elements = new ArrayList<>();
        skipWhitespace();
        do {
            if (elements.size() == MAX_ELEMENTS) {
                throw error("more than " + MAX_ELEMENTS + " elements");
            }
            elements.add(element());
        } while (separator(','));
        if (at < text.length()) {
            throw error("unexpected '" + text.charAt(at) + "'");
        }
        return elements;
    }

    private XfccElement element() throws MalformedHeaderException {
        ElementBuilder element = new ElementBuilder();
        int pairs = 0;
        do {
            if (++pairs > MAX_PAIRS) {
                throw error("more than " + MAX_PAIRS + " pairs in one element");
            }
            int keyAt = at;
            String key = key();
            expect('=');
            element.put(key.toLowerCase(Locale.ROOT), value(), keyAt);
        } while (separator(';'));
        return element.build();
    }

    private String key() throws MalformedHeaderException {
        int start = at;
        while (at < text.length() && isKeyChar(text.charAt(at))) {
            at++;
        }
        if (at == start) {
            throw error("expected a key");
        }
        return text.substring(start, at);
    }

    private String value() throws MalformedHeaderException {
        if (at < text.length() && text.charAt(at) == '"') {
            return quoted();
        }
        int start = at;
        while (at < text.length() && isPlainChar(text.charAt(at))) {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '"') {
            throw error("a quote inside an unquoted value");
        }
        String value = text.substring(start, at).stripTrailing();
        if (value.isEmpty()) {
            throw new MalformedHeaderException("empty value at " + start);
        }
        return value;
    }

    private String quoted() throws MalformedHeaderException {
        int open = at++;
        // the common case, a quoted Cert of kilobytes without a backslash: two scans the JDK
        // vectorizes (String.indexOf), one copy
        int close = text.indexOf('"', at);
        if (close >= 0) {
            int backslash = text.indexOf('\\', at);
            if (backslash < 0 || backslash > close) {
                at = close + 1;
                return text.substring(open + 1, close);
            }
        }
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\\')) {
                out.append(text.charAt(at++));
            } else {
                out.append(c);
            }
        }
        throw new MalformedHeaderException("unterminated quoted value opened at " + open);
    }

    private static boolean isKeyChar(char c) {
        return c != '=' && c != ',' && c != ';' && c != '"' && c != ' ' && c != '\t';
    }

    private static boolean isPlainChar(char c) {
        return c != ',' && c != ';' && c != '"';
    }

    /** Consumes OWS {@code c} OWS when {@code c} is next (after optional whitespace). */
    private boolean separator(char c) throws MalformedHeaderException {
        skipWhitespace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            skipWhitespace();
            if (at == text.length()) {
                throw error("nothing after '" + c + "'");
            }
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

    private void skipWhitespace() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
    }

    private MalformedHeaderException error(String what) {
        return new MalformedHeaderException("x-forwarded-client-cert: " + what + " at " + at);
    }

    /** Collects one element's pairs; known keys but URI and DNS may appear once. */
    private static final class ElementBuilder {
        private String by;
        private String hash;
        private String cert;
        private String chain;
        private String subject;
        private final List<String> uris = new ArrayList<>();
        private final List<String> dnss = new ArrayList<>();

        void put(String key, String value, int at) throws MalformedHeaderException {
            switch (key) {
                case "by" -> by = once(by, value, "By", at);
                case "hash" -> hash = once(hash, value, "Hash", at);
                case "cert" -> cert = once(cert, value, "Cert", at);
                case "chain" -> chain = once(chain, value, "Chain", at);
                case "subject" -> subject = once(subject, value, "Subject", at);
                case "uri" -> uris.add(value);
                case "dns" -> dnss.add(value);
                default -> {
                    // a key this version does not know: skipped, bounded by MAX_PAIRS
                }
            }
        }

        private static String once(String previous, String value, String key, int at) throws MalformedHeaderException {
            if (previous != null) {
                throw new MalformedHeaderException("x-forwarded-client-cert: " + key + " repeated at " + at);
            }
            return value;
        }

        XfccElement build() {
            return new XfccElement(by, hash, cert, chain, subject, uris, dnss);
        }
    }
}
