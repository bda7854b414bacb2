package dev.certgate.binding;

import static dev.certgate.binding.CertificateThumbprintTest.RFC_9440_THUMBPRINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The cnf claim (RFC 7800 section 3.1, RFC 8705 section 3.1) as plain Java values. */
class ConfirmationTest {

    @Test
    void fromClaimWhenAbsentThenAbsent() {
        assertThat(Confirmation.fromClaim(null)).isEqualTo(Confirmation.ABSENT);
    }

    @Test
    void fromClaimWhenObjectWithWellFormedThumbprintThenThatThumbprint() {
        assertThat(Confirmation.fromClaim(Map.of("x5t#S256", RFC_9440_THUMBPRINT)))
                .isEqualTo(new Confirmation.Thumbprint(RFC_9440_THUMBPRINT));
    }

    @Test
    void fromClaimWhenOtherMembersBesideTheThumbprintThenThatThumbprint() {
        assertThat(Confirmation.fromClaim(Map.of("x5t#S256", RFC_9440_THUMBPRINT, "kid", "k1")))
                .isEqualTo(new Confirmation.Thumbprint(RFC_9440_THUMBPRINT));
    }

    static Stream<Arguments> noCertificateConfirmation() {
        return Stream.of(
                Arguments.of("an empty object", Map.of()),
                Arguments.of("a key binding (jkt) only", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")),
                Arguments.of("the old x5t (SHA-1) only", Map.of("x5t", "dGhpcyBpcyBhIFNIQS0xIHRodW1icHJpbnQ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noCertificateConfirmation")
    void fromClaimWhenCnfConfirmsNoCertificateThenAbsentAsForABearerToken(String what, Object cnf) {
        // RFC 8705 section 3 binds to a certificate only through x5t#S256; "required" still refuses these
        assertThat(Confirmation.fromClaim(cnf)).isEqualTo(Confirmation.ABSENT);
    }

    static Stream<Arguments> malformed() {
        Map<String, Object> nullMember = new HashMap<>();
        nullMember.put("x5t#S256", null);
        return Stream.of(
                Arguments.of("a string", RFC_9440_THUMBPRINT, "not a JSON object"),
                Arguments.of("an array", List.of(Map.of("x5t#S256", RFC_9440_THUMBPRINT)), "not a JSON object"),
                Arguments.of("a number", new BigDecimal("1"), "not a JSON object"),
                Arguments.of("a boolean", Boolean.TRUE, "not a JSON object"),
                Arguments.of("a number thumbprint", Map.of("x5t#S256", 42L), "not a string"),
                Arguments.of("an object thumbprint", Map.of("x5t#S256", Map.of("v", RFC_9440_THUMBPRINT)), "not a string"),
                Arguments.of("an array thumbprint", Map.of("x5t#S256", List.of(RFC_9440_THUMBPRINT)), "not a string"),
                Arguments.of("a null thumbprint", nullMember, "not a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void fromClaimWhenNotACheckableCertificateConfirmationThenMalformed(String what, Object cnf, String problem) {
        Confirmation confirmation = Confirmation.fromClaim(cnf);

        assertThat(confirmation).isInstanceOf(Confirmation.Malformed.class);
        assertThat(((Confirmation.Malformed) confirmation).problem()).contains(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        RFC_9440_THUMBPRINT + "=",                                  // padded (44)
        " " + RFC_9440_THUMBPRINT,                                  // leading space
        RFC_9440_THUMBPRINT + " ",                                  // trailing space
        "\t" + RFC_9440_THUMBPRINT,                                 // tab
        RFC_9440_THUMBPRINT + "\r\n",                               // line break
        "v68ffgcPn6jdYpBfFY2nP4ShE2Yk -6_Mk5PI9yh6aes",             // inner space
        "v68ffgcPn6jdYpBfFY2nP4ShE2Yk+6/Mk5PI9yh6aes",              // standard base64
        "v68ffgcPn6jdYpBfFY2nP4ShE2Yk-6_Mk5PI9yh6ae",               // 42 characters
        "v68ffgcPn6jdYpBfFY2nP4ShE2Yk-6_Mk5PI9yh6aesA",             // 44 characters
        "v68ffgcPn6jdYpBfFY2nP4ShE2Yk-6_Mk5PI9yh6a\u00e9s",         // non-ASCII letter
        "v68ffgcPn6jdYpBfFY2nP4ShE2Yk-6_Mk5PI9yh6a.s",              // punctuation
        "BFAF1F7E070F9FA8DD62905F158DA73F84A1136624FBAFCC9393C8F7287A69EB", // hex, not base64url
    })
    void fromClaimWhenThumbprintNotFortyThreeBase64UrlCharactersThenMalformed(String value) {
        assertThat(Confirmation.fromClaim(Map.of("x5t#S256", value))).isInstanceOf(Confirmation.Malformed.class);
    }

    @Test
    void fromClaimWhenWellFormedButAnotherCaseThenAThumbprintThatWillNotMatch() {
        String upper = RFC_9440_THUMBPRINT.toUpperCase(java.util.Locale.ROOT);

        assertThat(Confirmation.fromClaim(Map.of("x5t#S256", upper))).isEqualTo(new Confirmation.Thumbprint(upper));
    }

    @Test
    void thumbprintWhenBuiltFromMalformedValueThenRefused() {
        assertThatThrownBy(() -> new Confirmation.Thumbprint(RFC_9440_THUMBPRINT + "="))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
