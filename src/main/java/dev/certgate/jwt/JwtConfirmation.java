package dev.certgate.jwt;

import dev.certgate.binding.Confirmation;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads a token's {@code cnf} claim (RFC 7800 section 3.1) into the core's {@link Confirmation}.
 * MP JWT implementations present it differently: SmallRye JWT as jose4j's plain {@link Map} and
 * {@link String}, others as JSON-P {@link JsonObject} and {@link JsonString}; both are turned into
 * plain Java, so the core sees one shape. A claim that is named but JSON {@code null} is not an
 * object and so malformed, never "absent": SmallRye answers {@code getClaim} with {@code null}
 * for it, which MP JWT's {@code containsClaim} would read as absent, so the claim names decide.
 */
final class JwtConfirmation {

    /** The confirmation claim's name. */
    static final String CNF = "cnf";

    private JwtConfirmation() {
    }

    static Confirmation of(JsonWebToken token) {
        Object claim = token.getClaim(CNF);
        if (claim == null && named(token)) {
            claim = JsonValue.NULL; // named but null: containsClaim would say absent
        }
        return Confirmation.fromClaim(plain(claim));
    }

    private static boolean named(JsonWebToken token) {
        Set<String> names = token.getClaimNames();
        return names != null && names.contains(CNF);
    }

    private static Object plain(Object claim) {
        if (claim instanceof JsonObject object) {
            Map<String, Object> members = new LinkedHashMap<>();
            object.forEach((name, value) -> members.put(name, value instanceof JsonString s ? s.getString() : value));
            return members;
        }
        if (claim instanceof JsonString string) {
            return string.getString(); // a string cnf: not an object, and so malformed
        }
        return claim;
    }
}
