package io.ferry.bench;

import io.ferry.FerryException;
import io.ferry.settings.Setting;
import io.ferry.settings.SettingRegistry;
import io.ferry.settings.Settings;
import io.ferry.settings.Sizes;
import io.ferry.remote.RemoteSettings;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link BenchConfig} written out as the report's configuration: an ordered map of name to
 * value, with the names of fio and of the {@code ferry bench} options, and values as text that
 * those options accept (sizes as {@code 4k} or {@code 256m}, flags as {@code 0} or {@code 1}, times
 * in nanoseconds), as fio's own JSON output writes its job options.
 */
final class RunConfig {
    /** The names of the configuration, in order, before any setting that differs from its default. */
    static final List<String> NAMES = List.of("filename", "size", "rw", "bs", "batch_size", "iodepth", "threads",
            "ioengine", "direct", "invalidate", "rwmixread", "runtime_ns", "ramp_time_ns", "number_ios", "verify", "backend");
    /** The names the remote backend adds after {@link #NAMES}: its engine, connections and task size. */
    static final List<String> REMOTE_NAMES = List.of("remote_engine", "connections", "task_size");

    private RunConfig() {
    }

    /**
     * Every field of {@code config} under {@link #NAMES}, for the remote backend then
     * {@link #REMOTE_NAMES}, then every setting whose value differs from its default, under its
     * environment variable ({@code FERRY_MAX_IO_SIZE}), since those shape the run too. A temporary
     * file is written as the pattern its name will have, a URL {@linkplain SecretFreeUrl without
     * its secrets}, and {@code ioengine} is the engine of the backend measured.
     */
    static SequencedMap<String, String> of(BenchConfig config) {
        SequencedMap<String, String> map = new LinkedHashMap<>();
        map.put("filename", filename(config));
        map.put("size", Sizes.format(config.fileSizeBytes()));
        map.put("rw", join(config.operations().stream().map(BenchOp::fioName)));
        map.put("bs", join(config.blockSizes().stream().map(Sizes::format)));
        map.put("batch_size", join(config.batchSizes().stream().map(String::valueOf)));
        map.put("iodepth", Integer.toString(config.ioDepth()));
        map.put("threads", Integer.toString(config.threads()));
        map.put("ioengine", config.engine());
        map.put("direct", flag(config.direct()));
        map.put("invalidate", flag(config.invalidate()));
        map.put("rwmixread", Integer.toString(config.rwMixRead()));
        map.put("runtime_ns", Long.toString(config.runtimeNs()));
        map.put("ramp_time_ns", Long.toString(config.warmupNs()));
        map.put("number_ios", Long.toString(config.numberIos()));
        map.put("verify", flag(config.verify()));
        map.put("backend", config.backend());
        if (config.isRemote()) {
            Settings settings = config.settings();
            map.put("remote_engine", settings.get(RemoteSettings.REMOTE_ENGINE));
            map.put("connections", Integer.toString(settings.get(RemoteSettings.REMOTE_MAX_CONNECTIONS)));
            map.put("task_size", Sizes.format(settings.get(RemoteSettings.TASK_SIZE)));
        }
        putChangedSettings(map, config.settings());
        return Collections.unmodifiableSequencedMap(map);
    }

    private static String filename(BenchConfig config) {
        if (config.isRemote() || config.isNvme()) {
            return SecretFreeUrl.of(config.location());
        }
        Path file = config.filename() != null ? config.filename()
                : BenchFile.temporaryDirectory().resolve(BenchFile.TEMPORARY_PREFIX + "*" + BenchFile.TEMPORARY_SUFFIX);
        return file.toString();
    }

    private static void putChangedSettings(SequencedMap<String, String> map, Settings settings) {
        for (Setting<?> setting : SettingRegistry.all()) {
            try {
                Object value = settings.get(setting);
                if (!value.equals(setting.defaultValue())) {
                    map.put(setting.environmentVariable(), value.toString());
                }
            } catch (FerryException e) {
                map.put(setting.environmentVariable(), "invalid: " + e.getMessage());
            }
        }
    }

    private static String join(Stream<String> values) {
        return values.collect(Collectors.joining(","));
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }
}
