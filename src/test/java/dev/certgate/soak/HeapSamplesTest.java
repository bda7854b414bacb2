package dev.certgate.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The soak's "flat heap" rule passes a bounded heap with noise and fails the leaks it is meant to catch. */
class HeapSamplesTest {

    private static final double MIB = 1048576;

    /** 36 samples over {@code minutes}, each {@code mib.applyAsDouble(minute)}. */
    private static HeapSamples series(double minutes, DoubleUnaryOperator mib) {
        HeapSamples heap = new HeapSamples();
        for (int i = 1; i <= 36; i++) {
            double minute = minutes * i / 36;
            heap.add(new HeapSamples.Sample(minute * 60, (long) (mib.applyAsDouble(minute) * MIB)));
        }
        return heap;
    }

    @Test
    void flatWhenBoundedAfterWarmUpWithNoiseThenFlat() {
        HeapSamples heap = series(3, m -> Math.min(29, 18 + 11 * m) + 0.5 * Math.sin(m * 40));

        assertThat(heap.flat(0.10, 3)).isTrue();
    }

    @Test
    void flatWhenOneTransientSampleThenStillFlat() {
        HeapSamples heap = series(3, m -> Math.abs(m - 2.4) < 0.04 ? 32 : 29);

        assertThat(heap.flat(0.10, 3)).isTrue();
    }

    @Test
    void flatWhenSlowSteadyLeakThenNotFlatThoughTheMaximaAreClose() {
        // 2.5 MiB/min on ~35 MiB: the last third's max stays within 10% + 2 MiB of the middle's,
        // but the trend over five minutes adds more than that
        HeapSamples heap = series(5, m -> 25 + 2.5 * m);

        assertThat(heap.lastMax()).isLessThanOrEqualTo((long) (heap.middleMax() * 1.10 + HeapSamples.SLACK_BYTES));
        assertThat(heap.flat(0.10, 5)).isFalse();
    }

    @Test
    void flatWhenStepUpInTheLastThirdThenNotFlat() {
        HeapSamples heap = series(3, m -> m < 2.5 ? 29 : 36);

        assertThat(heap.flat(0.10, 3)).isFalse();
    }

    @Test
    void slopeWhenLinearThenItsRate() {
        assertThat(series(6, m -> 10 + 2 * m).slopeMibPerMinute(2)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
    }
}
