package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict RFC 3986 percent-decoding, as forwarded PEM needs it. */
class PercentDecodingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "abc                  | abc",
        "a+b                  | a+b",          // never a space: + is base64
        "%2B%2b%2F%3D         | ++/=",
        "%20x%20              | ' x '",
        "-----BEGIN%20A-----  | -----BEGIN A-----",
        "%C3%A9t%C3%A9        | \u00e9t\u00e9", // UTF-8
        "%E6%97%A5            | \u65e5",
        "%F0%9F%94%91         | \ud83d\udd11",   // a 4-byte sequence
    })
    void decodeWhenWellFormedThenDecoded(String encoded, String expected) throws Exception {
        assertThat(PercentDecoding.decode(encoded)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "%", "%2", "a%2", "%zz", "%G0", "%0g", "%%", "%-1",
        "%\uff11\uff11",            // full-width digits are not hex digits
        "\u00e9%20",                // a raw non-ASCII character
        "%FF", "%C3", "%C3%28",     // not UTF-8
        "%C0%AF",                   // an overlong '/'
        "%ED%A0%80",                // an encoded surrogate
        "%F4%90%80%80",             // beyond U+10FFFF
    })
    void decodeWhenMalformedThenRefused(String encoded) {
        assertThatThrownBy(() -> PercentDecoding.decode(encoded)).isInstanceOf(MalformedHeaderException.class);
    }
}
