package dev.certgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.servlet.http.Cookie;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where certgate's mechanism sees an MP JWT bearer token: exactly where MP JWT looks for one. */
class BearerTokensTest {

    private static BearerTokens tokens(Map<String, String> keys) {
        return BearerTokens.of(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(keys, "test", 100)).build());
    }

    @ParameterizedTest(name = "Authorization: [{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln | true",
            "bearer eyJ.e30.c2ln                | true",  // RFC 9110 11.1: the scheme is case-insensitive
            "BEARER x                           | true",
            "Bearer                             | false", // a scheme without a token
            "'Bearer '                          | false",
            "Bearerx y                          | false",
            "Basic c3ZjLWE6c2VjcmV0             | false",
            "DPoP eyJ.e30.c2ln                  | false",
            "''                                 | false"})
    void presentInWhenAuthorizationHeaderThenOnlyBearerSchemeWithToken(String value, boolean present) {
        ServletFakes.Request request = new ServletFakes.Request("127.0.0.1").header("Authorization", value);

        assertThat(tokens(Map.of()).presentIn(request.servlet())).isEqualTo(present);
    }

    @ParameterizedTest(name = "cookie {0} -> {1}")
    @CsvSource({"Bearer,true", "jwt,false", "bearer,false"})
    void presentInWhenTokenInCookieThenOnlyTheNamedCookie(String cookie, boolean present) {
        ServletFakes.Request request = new ServletFakes.Request("127.0.0.1")
                .header("Authorization", "Bearer in-the-header-is-not-where-mp-jwt-looks");
        request.cookies.add(new Cookie(cookie, "eyJ.e30.c2ln"));

        assertThat(tokens(Map.of("mp.jwt.token.header", "Cookie")).presentIn(request.servlet())).isEqualTo(present);
    }

    @ParameterizedTest(name = "mp.jwt.token.cookie={0}, cookie {1} -> {2}")
    @CsvSource({"jwt,jwt,true", "jwt,Bearer,false"})
    void presentInWhenCookieRenamedThenThatName(String configured, String sent, boolean present) {
        ServletFakes.Request request = new ServletFakes.Request("127.0.0.1");
        request.cookies.add(new Cookie(sent, "eyJ.e30.c2ln"));

        assertThat(tokens(Map.of("mp.jwt.token.header", "Cookie", "mp.jwt.token.cookie", configured))
                .presentIn(request.servlet())).isEqualTo(present);
    }

    @ParameterizedTest(name = "X-Token: [{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {"eyJ.e30.c2ln | true", "'  ' | false"})
    void presentInWhenOtherHeaderConfiguredThenItsValue(String value, boolean present) {
        ServletFakes.Request request = new ServletFakes.Request("127.0.0.1").header("X-Token", value);

        assertThat(tokens(Map.of("mp.jwt.token.header", "X-Token")).presentIn(request.servlet())).isEqualTo(present);
    }
}
