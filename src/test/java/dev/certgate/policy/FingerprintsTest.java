package dev.certgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintsTest {

    private static final String CANONICAL = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";

    @ParameterizedTest
    @ValueSource(strings = {
        CANONICAL,
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF",
        "01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef",
        "01 23 45 67 89 AB CD EF 01 23 45 67 89 AB CD EF 01 23 45 67 89 AB CD EF 01 23 45 67 89 AB CD EF",
        "  0123456789aBcDeF0123456789AbCdEf0123456789abcdef0123456789ABCDEF  ",
        "0123456789ABCDEF\t0123456789ABCDEF:0123456789ABCDEF 0123456789ABCDEF",
    })
    void canonicalWhenSeparatorsOrCaseThenIgnored(String text) {
        assertThat(Fingerprints.canonical(text)).isEqualTo(CANONICAL);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a SHA-1 fingerprint (as nginx's $ssl_client_fingerprint sends) is refused by name
        "0123456789ABCDEF0123456789ABCDEF01234567 | SHA-1",
        "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67 | SHA-1",
        "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDE | 63 hex digits",
        "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0 | 65 hex digits",
        "0123456789ABCDEG0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | only hex digits",
        "0x0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | only hex digits",
        "0123456789ABCDEF-0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | only hex digits",
        // Arabic-Indic and fullwidth digits are digits to Character.digit, but not hex here
        "\u0660123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | only hex digits",
        "\uff10123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | only hex digits",
        "\uff21123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | only hex digits",
        "sha256/0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | only hex digits",
    })
    void canonicalWhenNotSha256HexThenIllegalArgumentExceptionSaysWhy(String text, String message) {
        assertThatThrownBy(() -> Fingerprints.canonical(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("SHA-256");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", ":::"})
    void canonicalWhenNoDigitsThenIllegalArgumentException(String text) {
        assertThatThrownBy(() -> Fingerprints.canonical(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 hex digits");
    }
}
