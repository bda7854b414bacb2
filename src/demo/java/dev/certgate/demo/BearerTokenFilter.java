package dev.certgate.demo;

import dev.certgate.config.CertgateConfigException;
import dev.certgate.jaxrs.ProblemResponses;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The demo server's MicroProfile JWT authentication, standing for what Payara, Liberty or WildFly
 * do before JAX-RS: an {@code Authorization: Bearer} token is verified by SmallRye JWT's parser
 * with {@code mp.jwt.verify.publickey.location} and {@code mp.jwt.verify.issuer} from MicroProfile
 * Config, and becomes the request's principal. Pre-matching, like SmallRye's own JAX-RS filter, so
 * it runs before every resource filter, certgate's token binding included.
 *
 * <p>A location naming a file that cannot be read, or that holds no public key, stops start-up, naming the key. A token that
 * does not verify answers 401 ({@code invalid_token}); so does every bearer token
 * when no public key is configured. Never 500: a key that cannot be loaded is the server's problem,
 * logged here, and the client only learns that its token was not accepted.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class BearerTokenFilter implements ContainerRequestFilter {

    static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String ISSUER = "mp.jwt.verify.issuer";

    private static final System.Logger LOG = System.getLogger("dev.certgate.demo");
    private static final String BEARER = "bearer ";

    private final JWTParser parser; // null: no key configured, no token can verify

    private BearerTokenFilter(JWTParser parser) {
        this.parser = parser;
    }

    static BearerTokenFilter fromConfig(Config config) {
        Optional<String> location = config.getOptionalValue(PUBLIC_KEY_LOCATION, String.class);
        if (location.isEmpty()) {
            return new BearerTokenFilter(null);
        }
        boolean file = readableIfAFile(location.get());
        JWTAuthContextInfo info = new JWTAuthContextInfo(location.get(),
                config.getOptionalValue(ISSUER, String.class).orElse(null));
        if (file) {
            holdsAPublicKey(info);
        }
        return new BearerTokenFilter(new DefaultJWTParser(info));
    }

    /**
     * A location that names a file (a path, or a {@code file:} URI) must be a readable file at
     * start-up: a typo would otherwise start a demo that refuses every token. Other locations
     * ({@code classpath:}, {@code http(s):}) are SmallRye's to resolve when a token arrives.
     */
    private static boolean readableIfAFile(String location) {
        Optional<Path> file = file(location);
        if (file.isPresent() && !(Files.isRegularFile(file.get()) && Files.isReadable(file.get()))) {
            throw new CertgateConfigException(PUBLIC_KEY_LOCATION, "'" + location + "' is no readable file"
                    + " (a PEM public key or a JWK set); the demo could verify no token");
        }
        return file.isPresent();
    }

    /** A file must hold a public key ({@link TokenKeyFile}), or no token could verify. */
    private static void holdsAPublicKey(JWTAuthContextInfo info) {
        String location = info.getPublicKeyLocation();
        boolean key;
        try {
            key = TokenKeyFile.holdsAPublicKey(file(location).orElseThrow(), info);
        } catch (java.io.IOException e) {
            throw new CertgateConfigException(PUBLIC_KEY_LOCATION, "cannot read '" + location + "': " + e, e);
        }
        if (!key) {
            throw new CertgateConfigException(PUBLIC_KEY_LOCATION, "'" + location + "' holds no public key (a PEM"
                    + " public key or certificate, a JWK or a JWK set); the demo could verify no token");
        }
    }

    /** The file {@code location} names, empty for another scheme ({@code C:} is a drive, not a scheme). */
    private static Optional<Path> file(String location) {
        try {
            if (location.startsWith("file:")) {
                return Optional.of(Path.of(new URI(location)));
            }
            if (location.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
                return Optional.empty();
            }
            return Optional.of(Path.of(location));
        } catch (URISyntaxException | IllegalArgumentException e) { // InvalidPathException is one
            throw new CertgateConfigException(PUBLIC_KEY_LOCATION, "'" + location + "' is not a file path or URI", e);
        }
    }

    @Override
    public void filter(ContainerRequestContext context) {
        String authorization = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return;
        }
        if (parser == null) {
            LOG.log(System.Logger.Level.INFO, "bearer token refused: " + PUBLIC_KEY_LOCATION + " is not set");
            context.abortWith(ProblemResponses.invalidToken());
            return;
        }
        JsonWebToken token;
        try {
            token = parser.parse(authorization.substring(BEARER.length()).trim());
        } catch (ParseException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, () -> "bearer token refused: " + reason(e));
            context.abortWith(ProblemResponses.invalidToken());
            return;
        }
        context.setSecurityContext(new TokenSecurityContext(token, context.getSecurityContext()));
    }

    /**
     * Why, briefly and on one line: jose4j's messages can hold the whole token, which does not
     * belong in a log, and they quote its header or claims as sent, where JSON allows line breaks
     * between members, so an unsigned token could otherwise write lines of its own (CWE-117).
     */
    private static String reason(Exception e) {
        String text = oneLine(e.getCause() == null ? e.toString() : e.getCause().toString());
        return text.length() <= 240 ? text : text.substring(0, 240) + "...";
    }

    /**
     * {@code text} with every control, format (bidi overrides), separator (but the space), surrogate
     * or unassigned character as {@code \}{@code uXXXX}, so a log viewer shows what was sent.
     */
    private static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && unsafeInALine(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean unsafeInALine(char c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR, Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    /** The JAX-RS security context of a request authenticated by a bearer token. */
    private record TokenSecurityContext(JsonWebToken token, SecurityContext container) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return token;
        }

        @Override
        public boolean isUserInRole(String role) {
            return token.getGroups() != null && token.getGroups().contains(role);
        }

        @Override
        public boolean isSecure() {
            return container != null && container.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return "MP-JWT";
        }
    }
}
