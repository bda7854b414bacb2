package dev.certgate.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.binding.Confirmation;
import dev.certgate.demo.BearerTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cnf claim as MP JWT implementations present it: SmallRye JWT's plain Java (tokens really
 * signed and verified), JSON-P values as other implementations give them.
 */
class JwtConfirmationTest {

    /** RFC 9440's example certificate's x5t#S256 (see CertificateThumbprintTest). */
    static final String THUMBPRINT = "v68ffgcPn6jdYpBfFY2nP4ShE2Yk-6_Mk5PI9yh6aes";

    private static KeyPair keys;
    private static DefaultJWTParser smallRye;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        smallRye = new DefaultJWTParser(new JWTAuthContextInfo(keys.getPublic(), BearerTokens.ISSUER));
    }

    static JsonWebToken parsed(String... members) throws ParseException {
        return smallRye.parse(BearerTokens.sign(keys.getPrivate(), BearerTokens.claims("svc-a", members)));
    }

    @Test
    void ofWhenSmallRyeTokenBoundThenThumbprint() throws Exception {
        JsonWebToken token = parsed("\"cnf\":{\"x5t#S256\":\"" + THUMBPRINT + "\"}");

        assertThat(JwtConfirmation.of(token)).isEqualTo(new Confirmation.Thumbprint(THUMBPRINT));
    }

    @Test
    void ofWhenSmallRyeTokenWithoutCnfThenAbsent() throws Exception {
        assertThat(JwtConfirmation.of(parsed())).isEqualTo(Confirmation.ABSENT);
    }

    @Test
    void ofWhenSmallRyeTokenCnfIsJsonNullThenMalformedThoughContainsClaimSaysAbsent() throws Exception {
        JsonWebToken token = parsed("\"cnf\":null");

        // SmallRye 4.6 names the claim but answers null, so MP JWT's containsClaim reads it as absent
        assertThat(token.containsClaim("cnf")).isFalse();
        assertThat(token.getClaimNames()).contains("cnf");
        assertThat(JwtConfirmation.of(token)).isInstanceOf(Confirmation.Malformed.class);
    }

    @ParameterizedTest
    @MethodSource("smallRyeMalformed")
    void ofWhenSmallRyeTokenCnfNotACertificateConfirmationThenMalformed(String member) throws Exception {
        assertThat(JwtConfirmation.of(parsed(member))).isInstanceOf(Confirmation.Malformed.class);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"cnf\":{}",
            "\"cnf\":{\"jkt\":\"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I\"}"})
    void ofWhenSmallRyeTokenCnfConfirmsNoCertificateThenAbsent(String member) throws Exception {
        assertThat(JwtConfirmation.of(parsed(member))).isEqualTo(Confirmation.ABSENT);
    }

    static Stream<String> smallRyeMalformed() {
        return Stream.of(
                "\"cnf\":\"" + THUMBPRINT + "\"",
                "\"cnf\":[{\"x5t#S256\":\"" + THUMBPRINT + "\"}]",
                "\"cnf\":42",
                "\"cnf\":true",
                "\"cnf\":{\"x5t#S256\":42}",
                "\"cnf\":{\"x5t#S256\":null}",
                "\"cnf\":{\"x5t#S256\":[\"" + THUMBPRINT + "\"]}",
                "\"cnf\":{\"x5t#S256\":\"" + THUMBPRINT + "=\"}",
                "\"cnf\":{\"x5t#S256\":\" " + THUMBPRINT + "\"}",
                "\"cnf\":{\"x5t#S256\":\"\"}");
    }

    @Test
    void parseWhenTwoCnfMembersThenSmallRyeRefusesTheWholeToken() {
        // jose4j refuses duplicate member names, so such a token never authenticates (401 from MP JWT)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parsed(
                "\"cnf\":{\"x5t#S256\":\"" + THUMBPRINT + "\"}", "\"cnf\":{\"x5t#S256\":\"" + THUMBPRINT + "\"}"))
                .isInstanceOf(ParseException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parsed(
                "\"cnf\":{\"x5t#S256\":\"" + THUMBPRINT + "\",\"x5t#S256\":\"" + THUMBPRINT + "\"}"))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void ofWhenJsonPObjectWithStringThumbprintThenThumbprint() {
        FakeToken token = FakeToken.withCnf("svc-a", Json.createObjectBuilder().add("x5t#S256", THUMBPRINT).build());

        assertThat(JwtConfirmation.of(token)).isEqualTo(new Confirmation.Thumbprint(THUMBPRINT));
    }

    static Stream<Arguments> jsonPMalformed() {
        return Stream.of(
                Arguments.of("a string", Json.createValue(THUMBPRINT)),
                Arguments.of("an array", Json.createArrayBuilder().add(THUMBPRINT).build()),
                Arguments.of("a number", Json.createValue(42)),
                Arguments.of("JSON null", JsonValue.NULL),
                Arguments.of("true", JsonValue.TRUE),
                Arguments.of("a number thumbprint", Json.createObjectBuilder().add("x5t#S256", 42).build()),
                Arguments.of("a null thumbprint", Json.createObjectBuilder().addNull("x5t#S256").build()),
                Arguments.of("an object thumbprint", Json.createObjectBuilder()
                        .add("x5t#S256", Json.createObjectBuilder().add("v", THUMBPRINT)).build()),
                Arguments.of("a padded thumbprint", Json.createObjectBuilder().add("x5t#S256", THUMBPRINT + "=").build()),
                Arguments.of("present but null", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonPMalformed")
    void ofWhenJsonPCnfNotACertificateConfirmationThenMalformed(String what, Object cnf) {
        assertThat(JwtConfirmation.of(FakeToken.withCnf("svc-a", cnf))).isInstanceOf(Confirmation.Malformed.class);
    }

    @Test
    void ofWhenJsonPEmptyObjectThenAbsent() {
        assertThat(JwtConfirmation.of(FakeToken.withCnf("svc-a", JsonValue.EMPTY_JSON_OBJECT)))
                .isEqualTo(Confirmation.ABSENT);
    }

    @Test
    void ofWhenPlainMapFromAnotherImplementationThenSameAsJsonP() {
        assertThat(JwtConfirmation.of(FakeToken.withCnf("svc-a", Map.of("x5t#S256", THUMBPRINT))))
                .isEqualTo(new Confirmation.Thumbprint(THUMBPRINT));
    }
}
