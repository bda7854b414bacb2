package dev.certgate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a client or proxy sends can neither end an audit line nor pose as one of its fields. */
class LogTextTest {

    private static String field(String value) {
        StringBuilder line = new StringBuilder("x");
        LogText.field(line, "k", value);
        return line.substring(2); // drop "x "
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "plain token               | san-not-allowed           | k=san-not-allowed",
        "space quotes              | CN=a b                    | k=\"CN=a b\"",
        "equals quotes             | a=b                       | k=\"a=b\"",
        "empty quotes              | ''                        | k=\"\"",
        "quote escaped             | a\"b                      | k=\"a\\\"b\"",
        "backslash escaped         | CN=evil\\,CN=admin        | k=\"CN=evil\\\\,CN=admin\"",
        "raw UTF-8 kept            | CN=Zoë,O=Ünïcode          | k=\"CN=Zoë,O=Ünïcode\"",
    })
    void fieldWhenValueThenWrittenSo(String name, String value, String expected) {
        assertThat(field(value)).isEqualTo(expected);
    }

    @Test
    void fieldWhenCrLfThenEscapedAndNoLineBreakRemains() {
        String forged = "CN=x\r\n2026-01-01 INFO certgate audit: outcome=accepted reason=accepted";

        String written = field(forged);

        assertThat(written).doesNotContain("\r", "\n")
                .isEqualTo("k=\"CN=x\\r\\n2026-01-01 INFO certgate audit: outcome=accepted reason=accepted\"");
    }

    @Test
    void fieldWhenOtherLineEndingsAndControlsThenEscaped() {
        String written = field("a\u0085b\u2028c\u2029d\u000be\u000cf\u0000g\u001bh\u007fi\tj");

        assertThat(written).isEqualTo("k=a\\u0085b\\u2028c\\u2029d\\u000Be\\u000Cf\\u0000g\\u001Bh\\u007Fi\\tj");
        assertThat(written.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void fieldWhenBidiOverrideOrInvisibleThenEscaped() {
        // U+202E reverses what follows on screen; U+200B and U+00A0 hide a separator; U+E000 private use
        assertThat(field("admin\u202Etxt.exe")).isEqualTo("k=admin\\u202Etxt.exe");
        assertThat(field("a\u200Bb\u00A0c\uE000")).isEqualTo("k=a\\u200Bb\\u00A0c\\uE000");
        assertThat(field("tag\uDB40\uDC01")).isEqualTo("k=tag\\U000E0001"); // supplementary format character
    }

    @Test
    void fieldWhenLoneSurrogateThenEscapedAndPairKept() {
        assertThat(field("a\uD800b")).isEqualTo("k=a\\uD800b");
        assertThat(field("x\uDFFF")).isEqualTo("k=x\\uDFFF");
        assertThat(field("emoji\uD83D\uDE00")).isEqualTo("k=emoji\uD83D\uDE00");
    }

    @Test
    void fieldWhenLongerThanTheLimitThenCutAndMarked() {
        String written = field("a".repeat(100_000));

        assertThat(written).isEqualTo("k=\"" + "a".repeat(LogText.MAX_VALUE) + LogText.TRUNCATED + "\"");
    }

    @Test
    void fieldWhenEscapesFillTheLimitThenNoEscapeIsCutInHalf() {
        String written = field("\u0000".repeat(1000));
        String inner = written.substring(3, written.length() - 1 - LogText.TRUNCATED.length());

        assertThat(inner.length()).isLessThanOrEqualTo(LogText.MAX_VALUE).isEqualTo(LogText.MAX_VALUE / 6 * 6);
        assertThat(inner).matches("(\\\\u0000)+");
    }

    @Test
    void fieldWhenLimitFallsInsideASurrogatePairThenThePairIsNotSplit() {
        String written = field("a".repeat(LogText.MAX_VALUE - 1) + "\uD83D\uDE00");

        assertThat(written).isEqualTo("k=\"" + "a".repeat(LogText.MAX_VALUE - 1) + LogText.TRUNCATED + "\"");
    }
}
