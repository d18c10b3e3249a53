package io.ferry.bench.curl;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchConfig;
import io.ferry.bench.BenchResult;
import io.ferry.bench.CpuCost;
import io.ferry.bench.LatencyPercentiles;
import io.ferry.bench.ReferenceResult;
import io.ferry.bench.ReferenceTool;
import io.ferry.bench.RowSpec;
import io.ferry.bench.SecretFreeUrl;
import io.ferry.bench.ToolProcesses;
import io.ferry.remote.RemoteSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * curl as the reference tool of {@code ferry bench --backend remote --compare curl}. Right after
 * Ferry's run of a row, N curl processes (N = {@code REMOTE_MAX_CONNECTIONS}, Ferry's connection
 * budget) fetch between them the same number of bytes Ferry read, from the start of the same
 * object, in equal shares ({@link CurlRanges}) of ranged GETs written to {@code /dev/null}. The
 * bandwidth is those bytes over the wall time from the first start to the last exit; IOPS count
 * Ferry's blocks, so that the ratio ferry/curl is the bandwidth ratio; CPU is the user and system
 * time of the curl processes ({@link ChildCpuTime}). curl does not report per-request latency.
 * Random rows are compared with the same bytes read in order: over HTTP the order changes only
 * which ranges the server sends.
 */
public final class CurlTool implements ReferenceTool {
    private static final String INSTALL_HINT = "install it (Debian: apt-get install -y curl) or leave out --compare curl";
    private static final long PROBE_TIMEOUT_MS = 10_000;
    /** Time granted beyond ten times Ferry's own time before curl is considered hung. */
    private static final long MARGIN_MS = 60_000;

    private final String executable;

    private CurlTool(String executable) {
        this.executable = executable;
    }

    /**
     * curl from the PATH for the runs of {@code config}, checked now so that a missing curl or a
     * target it cannot read is reported before the sweep starts.
     *
     * @throws FerryException with {@link ErrorCode#INVALID_ARGUMENT} for the file backend and for
     *         {@code s3://} objects (curl cannot sign S3 requests), and with
     *         {@link ErrorCode#ENGINE_UNSUPPORTED} when curl is missing
     */
    public static CurlTool probe(BenchConfig config) {
        return probe(config, "curl");
    }

    /** The curl at {@code executable}, checked now with {@code config}. */
    public static CurlTool probe(BenchConfig config, String executable) {
        if (!config.isRemote()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--compare curl reads remote objects: use it with "
                    + "--backend remote (for files, --compare fio)");
        }
        String scheme = config.location().toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("http://") && !scheme.startsWith("https://")) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--compare curl needs an http:// or https:// URL: "
                    + "curl cannot sign S3 requests (a presigned https URL of the object works)");
        }
        try {
            ToolProcesses.run(ToolProcesses.Command.of(List.of(executable, "--version")), PROBE_TIMEOUT_MS);
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.ENGINE_UNSUPPORTED, "curl is not available (" + e.getMessage() + "); "
                    + INSTALL_HINT, e);
        }
        return new CurlTool(executable);
    }

    @Override
    public String name() {
        return "curl";
    }

    @Override
    public ReferenceResult run(BenchConfig config, RowSpec row, String location, BenchResult ferry) {
        if (ferry.bytes() == 0) {
            return new ReferenceResult(name(), "(not run: Ferry read nothing)", Double.NaN, Double.NaN, Double.NaN,
                    LatencyPercentiles.NONE, Double.NaN);
        }
        int processes = config.settings().get(RemoteSettings.REMOTE_MAX_CONNECTIONS);
        List<List<ByteRange>> shares = CurlRanges.split(ferry.bytes(), config.fileSizeBytes(), processes);
        List<ToolProcesses.Command> commands = new ArrayList<>(shares.size());
        for (List<ByteRange> share : shares) {
            List<String> curl = command(share, location);
            commands.add(new ToolProcesses.Command(ChildCpuTime.wrap(curl),
                    SecretFreeUrl.redact(String.join(" ", curl), location)));
        }
        long timeoutMs = MARGIN_MS + (long) (ferry.seconds() * 10_000);
        ToolProcesses.Outcome outcome = ToolProcesses.runAll(commands, timeoutMs);
        double cpuSeconds = outcome.outputs().stream().mapToDouble(ChildCpuTime::seconds).sum();
        double seconds = outcome.wallNs() / 1e9;
        return new ReferenceResult(name(), shown(commands, shares), ferry.bytes() / 1e9 / seconds,
                ferry.descriptors() / seconds, Double.NaN, LatencyPercentiles.NONE, CpuCost.secondsPerGB(cpuSeconds, ferry.bytes()));
    }

    /** One curl fetching {@code ranges} in order over one connection, each range a URL of its own ({@code --next}). */
    private List<String> command(List<ByteRange> ranges, String location) {
        List<String> command = new ArrayList<>(List.of(executable));
        for (ByteRange range : ranges) {
            if (command.size() > 1) {
                command.add("--next");
            }
            command.addAll(List.of("-sS", "--fail", "-o", "/dev/null", "-r", range.toString(), location));
        }
        return command;
    }

    /** For the report: how many processes, and the first one's command, without secrets. */
    private static String shown(List<ToolProcesses.Command> commands, List<List<ByteRange>> shares) {
        int ranges = shares.stream().mapToInt(List::size).sum();
        return commands.size() + " parallel processes, " + ranges + " ranges in all; the first: "
                + commands.getFirst().shown();
    }
}
