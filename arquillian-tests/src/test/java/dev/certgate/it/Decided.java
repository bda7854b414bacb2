package dev.certgate.it;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the test application's {@code /api/decisions} answer: one JSON object per decision, in order. */
final class Decided {

    private static final Pattern POLICY = Pattern.compile("\"policy\":\"([^\"]*)\"");
    private static final Pattern CERTIFICATE = Pattern.compile("\"certificate\":(\\d+)");

    private Decided() {
    }

    /** Each decision's policy ({@code ""}: the default policy, or a token binding). */
    static List<String> policies(String body) {
        return all(POLICY, body);
    }

    /** Each decision's certificate, as the identity of the {@code ClientCertificate} instance ({@code 0}: none). */
    static List<String> certificates(String body) {
        return all(CERTIFICATE, body);
    }

    private static List<String> all(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
