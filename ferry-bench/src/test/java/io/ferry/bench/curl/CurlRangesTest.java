package io.ferry.bench.curl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CurlRangesTest {
    @Test
    void shouldCutBytesWithinTheRegionIntoEqualContiguousShares() {
        assertThat(CurlRanges.split(8 << 20, 64 << 20, 4)).containsExactly(
                List.of(new ByteRange(0, (2 << 20) - 1)),
                List.of(new ByteRange(2 << 20, (4 << 20) - 1)),
                List.of(new ByteRange(4 << 20, (6 << 20) - 1)),
                List.of(new ByteRange(6 << 20, (8 << 20) - 1)));
    }

    @Test
    void shouldWrapAroundTheRegionWhenFerryReadItMoreThanOnce() {
        List<List<ByteRange>> shares = CurlRanges.split(250, 100, 2);

        assertThat(shares).containsExactly(
                List.of(new ByteRange(0, 99), new ByteRange(0, 24)),
                List.of(new ByteRange(25, 99), new ByteRange(0, 49)));
    }

    @Test
    void shouldFetchExactlyTheBytesFerryReadWhenTheyDoNotDivideEvenly() {
        List<List<ByteRange>> shares = CurlRanges.split(1_000_003, 4096 * 7, 8);

        long total = shares.stream().flatMap(List::stream).mapToLong(ByteRange::lengthBytes).sum();
        assertThat(total).isEqualTo(1_000_003);
        assertThat(shares).hasSize(8).allSatisfy(share -> assertThat(share.stream().mapToLong(ByteRange::lengthBytes).sum())
                .isBetween(125_000L, 125_001L));
        assertThat(shares).flatMap(share -> share).allSatisfy(range -> assertThat(range.last()).isLessThan(4096 * 7));
    }

    @Test
    void shouldUseNoMoreProcessesThanBytes() {
        assertThat(CurlRanges.split(3, 10, 8)).hasSize(3);
    }

    @Test
    void shouldWriteRangesAsCurlTakesThem() {
        assertThat(new ByteRange(0, 1023)).hasToString("0-1023");
    }
}
