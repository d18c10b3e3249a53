package io.ferry.file.engine;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileEngines;
import io.ferry.settings.Settings;
import io.ferry.spi.EngineSupport;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoQueue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoEngineTest {
    private record Unsupported(String name) implements IoEngine {
        @Override
        public String description() {
            return name;
        }

        @Override
        public EngineSupport support() {
            return EngineSupport.no(name + " is disabled");
        }

        @Override
        public IoQueue open(int depth, Settings settings) {
            throw new AssertionError("an unsupported engine must not be opened");
        }
    }

    @Test
    void shouldUseTheFirstEngineThatWorksAndSaySo() {
        AutoEngine auto = new AutoEngine(List.of(new Unsupported("io_uring"), new Unsupported("libaio"), new PsyncEngine()));

        assertThat(auto.chosen().name()).isEqualTo("psync");
        assertThat(auto.support().supported()).isTrue();
        assertThat(auto.description()).contains("uses psync", "io_uring, libaio, psync");
        try (IoQueue queue = auto.open(4, Settings.defaults())) {
            assertThat(queue.capacity()).isEqualTo(4);
        }
    }

    @Test
    void shouldResolveAutoToTheEngineItChose() {
        var engines = FileEngines.builtins();
        String chosen = ((AutoEngine) engines.find("auto")).chosen().name();
        assertThat(FileEngines.resolve(engines, "auto")).isEqualTo(chosen).isNotEqualTo("auto");
        assertThat(FileEngines.resolve(engines, "psync")).isEqualTo("psync");
    }

    @Test
    void shouldExplainWhenNoEngineWorks() {
        AutoEngine auto = new AutoEngine(List.of(new Unsupported("io_uring"), new Unsupported("libaio")));

        assertThat(auto.support().supported()).isFalse();
        assertThat(auto.support().reason()).contains("none of io_uring, libaio works here");
        assertThatThrownBy(() -> auto.open(4, Settings.defaults())).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ENGINE_UNSUPPORTED));
    }
}
