package dev.certgate.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.Config;

/**
 * Whether a request carries an MP JWT bearer token, looked for where MP JWT looks (MicroProfile JWT
 * 2.1 section 7, "Configuration"): {@code mp.jwt.token.header} ({@code Authorization}, the default:
 * the {@code Bearer} scheme of RFC 6750 section 2.1, case-insensitive as RFC 9110 section 11.1
 * says; {@code Cookie}: the cookie named by {@code mp.jwt.token.cookie}, {@code Bearer} by default;
 * any other header: present at all). Read once; nothing here parses or trusts the token, which is
 * MP JWT's to verify.
 */
final class BearerTokens {

    static final String TOKEN_HEADER = "mp.jwt.token.header";
    static final String TOKEN_COOKIE = "mp.jwt.token.cookie";
    private static final String AUTHORIZATION = "Authorization";
    private static final String COOKIE = "Cookie";
    private static final String SCHEME = "bearer ";

    private final String header;
    private final String cookie;

    BearerTokens(String header, String cookie) {
        this.header = header;
        this.cookie = cookie;
    }

    /** Where {@code config}'s MP JWT keys say the token is. */
    static BearerTokens of(Config config) {
        return new BearerTokens(config.getOptionalValue(TOKEN_HEADER, String.class).orElse(AUTHORIZATION).trim(),
                config.getOptionalValue(TOKEN_COOKIE, String.class).orElse("Bearer").trim());
    }

    /** Whether {@code request} carries a token where MP JWT looks for one. */
    boolean presentIn(HttpServletRequest request) {
        if (COOKIE.equalsIgnoreCase(header)) {
            Cookie[] cookies = request.getCookies();
            if (cookies != null) {
                for (Cookie c : cookies) {
                    if (cookie.equals(c.getName())) {
                        return true;
                    }
                }
            }
            return false;
        }
        String value = request.getHeader(header);
        if (value == null) {
            return false;
        }
        if (!AUTHORIZATION.equalsIgnoreCase(header)) {
            return !value.isBlank();
        }
        return value.length() > SCHEME.length() && value.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    @Override
    public String toString() {
        return COOKIE.equalsIgnoreCase(header) ? "cookie " + cookie
                : AUTHORIZATION.equalsIgnoreCase(header) ? "Authorization: Bearer" : "header " + header;
    }
}
