package dev.certgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintSetTest {

    // four fingerprints with one String.hashCode (3366484300 unsigned): two 32-digit halves that
    // collide, each followed by one of two other colliding halves (found by a birthday search)
    private static final String P1 = "F9D6A69D43BD9F6E62149558B2584172";
    private static final String P2 = "5B0AF904DA0910E1041A95CB736332EC";
    private static final String Q1 = "D0CD32F1D2E681EDCC46D8C8CCF7FC82";
    private static final String Q2 = "A374EAA8C32B6F84C2530C321E1C8F22";

    @Test
    void containsWhenHashCodesCollideThenOnlyTheEntriesThemselves() {
        assertThat(List.of(P1 + Q2, P2 + Q1, P2 + Q2)).allMatch(f -> f.hashCode() == (P1 + Q1).hashCode());
        FingerprintSet set = new FingerprintSet(List.of(P1 + Q1, P1 + Q2, P2 + Q1));

        assertThat(set.contains(P1 + Q1)).isTrue();
        assertThat(set.contains(P1 + Q2)).isTrue();
        assertThat(set.contains(P2 + Q1)).isTrue();
        assertThat(set.contains(P2 + Q2)).as("same hash, not an entry").isFalse();
        assertThat(set.size()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} entries")
    @CsvSource({"1", "2", "3", "4", "5", "1000", "10000"})
    void containsWhenManyEntriesThenEveryEntryAndNoOther(int count) {
        Random random = new Random(count);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(randomFingerprint(random));
        }
        FingerprintSet set = new FingerprintSet(entries);

        assertThat(entries).allMatch(set::contains);
        for (int i = 0; i < 1000; i++) {
            String other = randomFingerprint(random);
            assertThat(set.contains(other)).isEqualTo(entries.contains(other));
        }
        assertThat(set.size()).isEqualTo(count);
    }

    @Test
    void sizeWhenAnEntryIsListedTwiceThenCountedOnce() {
        FingerprintSet set = new FingerprintSet(List.of(P1 + Q1, P1 + Q1, P2 + Q2));

        assertThat(set.size()).isEqualTo(2);
        assertThat(set.contains(P1 + Q1)).isTrue();
        assertThat(set.contains(P2 + Q2)).isTrue();
    }

    private static String randomFingerprint(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
