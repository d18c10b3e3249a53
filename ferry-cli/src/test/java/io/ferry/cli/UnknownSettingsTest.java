package io.ferry.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownSettingsTest {
    private static String warnings(Map<String, String> environment) {
        StringWriter err = new StringWriter();
        UnknownSettings.warn(environment, new PrintWriter(err, true));
        return err.toString();
    }

    @Test
    void shouldNameAMistypedSettingAndTheOneMeant() {
        assertThat(warnings(Map.of("FERRY_TASK_SZE", "1m", "FERRY_TASK_SIZE", "2m", "PATH", "/bin")))
                .isEqualTo("ferry: ignoring FERRY_TASK_SZE: no such setting (did you mean FERRY_TASK_SIZE?)" + System.lineSeparator());
    }

    @Test
    void shouldOfferNothingWhenNoSettingIsClose() {
        assertThat(warnings(Map.of("FERRY_SOMETHING_ELSE_ENTIRELY", "x")))
                .isEqualTo("ferry: ignoring FERRY_SOMETHING_ELSE_ENTIRELY: no such setting" + System.lineSeparator());
    }

    @Test
    void shouldStaySilentForSettingsAndTheLaunchersOwnVariables() {
        assertThat(warnings(Map.of("FERRY_MAX_IO_SIZE", "1m", "FERRY_DEBUG", "1", "FERRY_JDK", "/usr/lib/jvm/x", "HOME", "/root")))
                .isEmpty();
    }
}
