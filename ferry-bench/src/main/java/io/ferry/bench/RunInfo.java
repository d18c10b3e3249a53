package io.ferry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.SequencedMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a report records so that a run can be understood and repeated: the Ferry build, the
 * machine, the file system of the benchmark file, the JDK, the exact configuration and the
 * command line. Values that cannot be found are {@value #UNKNOWN}; finding them never fails.
 *
 * @param ferryVersion the version stamped into the build, from {@code /ferry-version.properties}
 * @param commit       the source commit, from the system property {@code ferry.commit}
 * @param timestamp    when the information was collected; reports print it in ISO-8601, UTC
 * @param hostname     the machine's host name
 * @param cpuModel     the first {@code model name} of {@code /proc/cpuinfo}, else {@code os.arch}
 * @param logicalCores processors available to the JVM
 * @param memoryBytes  {@code MemTotal} of {@code /proc/meminfo}, if known
 * @param kernel       {@code /proc/sys/kernel/osrelease}
 * @param fileSystem   the mount that holds the benchmark file's directory
 * @param javaVersion  {@code java.version}
 * @param javaVmName   {@code java.vm.name}
 * @param javaVendor   {@code java.vendor}
 * @param config       the configuration, name to value, in order (see {@link #collect})
 * @param commandLine  the command line as given, one argument per element
 */
public record RunInfo(String ferryVersion, String commit, Instant timestamp, String hostname, String cpuModel,
                      int logicalCores, OptionalLong memoryBytes, String kernel, FileSystemInfo fileSystem,
                      String javaVersion, String javaVmName, String javaVendor, SequencedMap<String, String> config,
                      List<String> commandLine) {
    /** The value of anything that could not be found. */
    public static final String UNKNOWN = "unknown";
    /**
     * The entries of the {@linkplain #sections() sections} whose values are whole numbers (counts,
     * bytes, nanoseconds, 0/1 flags), which JSON writes as numbers; the others are text.
     */
    public static final Set<String> NUMBER_KEYS = Set.of("logical_cores", "memory_bytes", "iodepth", "threads",
            "direct", "invalidate", "rwmixread", "runtime_ns", "ramp_time_ns", "number_ios", "verify", "connections");
    /** The system property the launcher sets to the commit Ferry was built from. */
    public static final String COMMIT_PROPERTY = "ferry.commit";

    public RunInfo {
        Objects.requireNonNull(ferryVersion, "ferryVersion");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(cpuModel, "cpuModel");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(fileSystem, "fileSystem");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(javaVmName, "javaVmName");
        Objects.requireNonNull(javaVendor, "javaVendor");
        config = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(config));
        commandLine = List.copyOf(commandLine);
    }

    /**
     * Collects the information of a run of {@code config} now; call it just before the run, so that
     * the timestamp is the run's start. The configuration holds every field of {@code config} under
     * the names of fio and the command line: {@code filename, size, rw, bs, batch_size, iodepth,
     * threads, ioengine, direct, runtime_ns, ramp_time_ns, number_ios, verify, backend}, for the
     * remote backend {@code remote_engine, connections, task_size}, then every setting that differs
     * from its default, under its environment variable name. A URL is recorded without its query,
     * user information and fragment; the command line should be given without them too.
     *
     * @param commandLine the program and its arguments as given, to be printed in the report
     */
    public static RunInfo collect(BenchConfig config, List<String> commandLine) {
        Path directory = config.filename() != null ? config.filename().toAbsolutePath().getParent()
                : BenchFile.temporaryDirectory();
        // The file system says nothing about a remote object.
        FileSystemInfo fileSystem = config.isRemote() || config.isNvme() ? FileSystemInfo.UNKNOWN : FileSystemInfo.of(directory);
        return new RunInfo(ferryVersionOnClassPath(), System.getProperty(COMMIT_PROPERTY, UNKNOWN),
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                ProcFiles.firstLine(ProcFiles.HOSTNAME).orElseGet(RunInfo::localHostName),
                ProcFiles.read(ProcFiles.CPU_INFO).flatMap(ProcFiles::cpuModel)
                        .orElse(System.getProperty("os.arch", UNKNOWN)),
                Runtime.getRuntime().availableProcessors(),
                ProcFiles.read(ProcFiles.MEM_INFO).map(ProcFiles::memTotalBytes).orElse(OptionalLong.empty()),
                ProcFiles.firstLine(ProcFiles.OS_RELEASE).orElse(UNKNOWN),
                fileSystem,
                System.getProperty("java.version", UNKNOWN), System.getProperty("java.vm.name", UNKNOWN),
                System.getProperty("java.vendor", UNKNOWN), RunConfig.of(config), commandLine);
    }

    /**
     * The report's sections, in order: {@code ferry} (version, commit), {@code machine} (timestamp,
     * host, CPU, memory, kernel, file system, JDK) and {@code config}, each an ordered map of
     * snake_case name to value.
     */
    public SequencedMap<String, SequencedMap<String, String>> sections() {
        SequencedMap<String, String> ferry = new LinkedHashMap<>();
        ferry.put("version", ferryVersion);
        ferry.put("commit", commit);
        SequencedMap<String, String> machine = new LinkedHashMap<>();
        machine.put("timestamp", timestamp.toString());
        machine.put("hostname", hostname);
        machine.put("cpu_model", cpuModel);
        machine.put("logical_cores", Integer.toString(logicalCores));
        machine.put("memory_bytes", memoryBytes.isPresent() ? Long.toString(memoryBytes.getAsLong()) : UNKNOWN);
        machine.put("kernel", kernel);
        machine.put("fs_type", fileSystem.type());
        machine.put("fs_device", fileSystem.device());
        machine.put("fs_mount_point", fileSystem.mountPoint());
        machine.put("java_version", javaVersion);
        machine.put("java_vm_name", javaVmName);
        machine.put("java_vendor", javaVendor);
        SequencedMap<String, SequencedMap<String, String>> sections = new LinkedHashMap<>();
        sections.put("ferry", Collections.unmodifiableSequencedMap(ferry));
        sections.put("machine", Collections.unmodifiableSequencedMap(machine));
        sections.put("config", config);
        return Collections.unmodifiableSequencedMap(sections);
    }

    /** The command line as one string that a POSIX shell reads back as the same arguments. */
    public String commandLineText() {
        return commandLine.stream().map(RunInfo::shellQuoted).collect(Collectors.joining(" "));
    }

    private static String shellQuoted(String argument) {
        if (argument.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    private static String ferryVersionOnClassPath() {
        try (InputStream in = RunInfo.class.getResourceAsStream("/ferry-version.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", UNKNOWN);
        } catch (IOException | IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
