package io.ferry.settings;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    @Test
    void shouldTakeExplicitValuesOverTheEnvironmentOverDefaults() {
        Settings settings = Settings.builder()
                .environment(Map.of("FERRY_BOUNCE_BUFFER_SIZE", "2m", "FERRY_BOUNCE_BUFFER_COUNT", "3", "PATH", "/bin"))
                .set(CoreSettings.BOUNCE_BUFFER_COUNT, 5)
                .build();

        assertThat(settings.get(CoreSettings.BOUNCE_BUFFER_SIZE)).isEqualTo(2L << 20);
        assertThat(settings.get(CoreSettings.BOUNCE_BUFFER_COUNT)).isEqualTo(5);
        assertThat(settings.get(CoreSettings.MAX_TRANSFERS_IN_FLIGHT))
                .isEqualTo(CoreSettings.MAX_TRANSFERS_IN_FLIGHT.defaultValue());
    }

    @Test
    void shouldValidateExplicitValuesWhenSet() {
        assertThatThrownBy(() -> Settings.builder().set(CoreSettings.BOUNCE_BUFFER_COUNT, 0))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SETTING);
                    assertThat(e.getMessage()).contains("BOUNCE_BUFFER_COUNT", "FERRY_BOUNCE_BUFFER_COUNT", "between 1 and");
                });
    }

    @Test
    void shouldNameTheEnvironmentVariableOfABadValue() {
        Settings settings = Settings.builder().environment(Map.of("FERRY_BOUNCE_BUFFER_SIZE", "lots")).build();
        assertThatThrownBy(() -> settings.get(CoreSettings.BOUNCE_BUFFER_SIZE))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SETTING);
                    assertThat(e.getMessage()).contains("FERRY_BOUNCE_BUFFER_SIZE='lots'", "not a size");
                });
    }

    @Test
    void shouldSetByNameAndRefuseUnknownNames() {
        Settings settings = Settings.builder().set("BOUNCE_BUFFER_SIZE", "64k").build();
        assertThat(settings.get(CoreSettings.BOUNCE_BUFFER_SIZE)).isEqualTo(65_536L);
        assertThatThrownBy(() -> Settings.builder().set("NO_SUCH_THING", "1"))
                .hasMessageContaining("unknown setting 'NO_SUCH_THING'");
    }

    @Test
    void shouldParseAndFormatSizes() {
        assertThat(Sizes.parse("4096")).isEqualTo(4096);
        assertThat(Sizes.parse("4k")).isEqualTo(4096);
        assertThat(Sizes.parse("1MiB")).isEqualTo(1 << 20);
        assertThat(Sizes.parse("2G")).isEqualTo(2L << 30);
        assertThat(Sizes.parse("16kb")).isEqualTo(16_384);
        assertThat(Sizes.format(1 << 20)).isEqualTo("1m");
        assertThat(Sizes.format(4097)).isEqualTo("4097");
        assertThatThrownBy(() -> Sizes.parse("-1")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Sizes.parse("k")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Sizes.parse("99999999999t")).hasMessageContaining("too large");
    }

    @Test
    void shouldParseDurations() {
        assertThat(Durations.parseNs("250")).isEqualTo(250);
        assertThat(Durations.parseNs("5us")).isEqualTo(5_000);
        assertThat(Durations.parseNs("20ms")).isEqualTo(20_000_000);
        assertThat(Durations.parseNs("2s")).isEqualTo(2_000_000_000L);
        assertThatThrownBy(() -> Durations.parseNs("2 hours")).hasMessageContaining("unknown unit");
    }
}
