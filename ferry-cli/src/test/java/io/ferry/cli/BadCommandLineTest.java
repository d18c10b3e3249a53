package io.ferry.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad command lines of every command, with the exit code and the words of the one line each must
 * print: 2 for a command line that cannot run as given (an option's value, an unknown name, an empty
 * argument, an unsupported scheme, options that do not go together), 1 when the files or objects it
 * names cannot be used. {@code {src}} is an existing 100 kB file, {@code {dir}} a directory,
 * {@code {missing}} a path that does not exist. No line names a Java class or a FERRY_ variable for
 * a flag, and each starts with {@code ferry: }.
 */
class BadCommandLineTest {
    private static final String NO_SERVER = "http://127.0.0.1:1/object.bin";

    @TempDir
    static Path dir;

    record Case(int exitCode, List<String> args, List<String> phrases) {
        @Override
        public String toString() {
            return String.join(" ", args) + " -> " + exitCode;
        }
    }

    private static Case refused(int exitCode, String commandLine, String... phrases) {
        return new Case(exitCode, Arrays.asList(commandLine.split(" ", -1)), List.of(phrases));
    }

    static Stream<Case> cases() {
        return Stream.of(
                refused(2, "copy {src} {dir}/x --bs 0", "--bs 0: must be a multiple of 4k between 4k and 1g"),
                refused(2, "copy {src} {dir}/x --bs 2g", "--bs 2147483648"),
                refused(2, "copy {src} {dir}/x --bs 5000", "--bs 5000: must be a multiple of 4k"),
                refused(2, "copy {src} {dir}/x --slots 0", "--slots 0: must be between 1 and 1024"),
                refused(2, "copy {src} {dir}/x --slots 1025", "--slots 1025"),
                refused(2, "copy {src} {dir}/x --bs huge", "'huge' is not a size"),
                refused(2, "copy {src} {dir}/x --ioengine nosuch", "--ioengine: unknown engine 'nosuch'", "psync"),
                refused(2, "copy {src} ", "DST is empty"),
                refused(2, "copy  {dir}/x", "SRC is empty"),
                refused(2, "copy {src} /dev/null --verify", "--verify: /dev/null cannot be read back", "leave out --verify"),
                refused(2, "copy {src} - --verify", "--verify: - cannot be read back (it is standard output)"),
                refused(2, "copy {src}", "Missing required parameter: 'DST'", "ferry copy --help"),
                refused(2, "copy {src} {dir}/x --frobnicate", "Unknown option: '--frobnicate'"),
                refused(1, "copy {missing} {dir}/x", "missing: no such file"),
                refused(1, "copy - {dir}/x", "-: no such file (as for cp, - names a file: copy reads no standard input"),
                refused(1, "copy {dir} {dir}/x", "a directory, not a file (a tree goes with 'ferry send' and 'ferry receive')"),
                refused(1, "copy {src} {src}", "are the same file"),
                refused(1, "copy {src} {dir}/no/such/dir/x", "no such directory"),
                refused(1, "copy {src} {dir}/new/", "new/: no such directory (a trailing / names a directory)"),
                refused(1, "copy {src}/ {dir}/x", "src.bin/: not a directory (a trailing / names a directory)"),
                refused(1, "copy {src} {src}/", "src.bin/: not a directory"),
                refused(1, "copy nvme+tcp://127.0.0.1:1/nqn.2014-08.org.example:disk/1/ {dir}/x", "the namespace id '1/' is not a decimal number"),
                refused(1, "get " + NO_SERVER + " {dir}/new/", "new/: no such directory"),
                refused(1, "put {src}/ " + NO_SERVER, "src.bin/: not a directory"),
                refused(1, "put - http://127.0.0.1:1/dir/", "names no object, and standard input has no name"),
                refused(1, "send {src}/ 127.0.0.1:1 --token t", "src.bin/: not a directory"),
                refused(1, "receive --listen 127.0.0.1:0 {src}/", "src.bin/: not a directory"),
                refused(2, "get ftp://host/x {dir}/x", "unsupported location ftp://host/x", "http://, https:// or s3://"),
                refused(2, "get  {dir}/x", "URL is empty"),
                refused(2, "get " + NO_SERVER + " ", "FILE is empty"),
                refused(2, "get " + NO_SERVER + " {dir}/x --connections 0", "--connections 0: must be between 1 and"),
                refused(2, "get " + NO_SERVER + " {dir}/x --task-size 1", "--task-size 1: must be between"),
                refused(2, "get " + NO_SERVER + " {dir}/x --engine warp", "--engine warp: must be one of"),
                refused(2, "get " + NO_SERVER + " {dir}/x --bs 0", "--bs 0"),
                refused(2, "get " + NO_SERVER + " {dir}/x --slots 0", "--slots 0"),
                refused(1, "get http://127.0.0.1:1/ {dir}", "http://127.0.0.1:1/ names no file to save it as (its path ends with /): give FILE"),
                refused(1, "get http://127.0.0.1:1/dir/..", "names no file to save it as (..): give FILE"),
                refused(2, "get " + NO_SERVER + " {dir}/x -H nocolon", "-H 'nocolon': expected 'NAME: VALUE'"),
                refused(2, "get " + NO_SERVER + " {dir}/x -H Host:evil", "-H: header 'Host': set by Ferry itself"),
                refused(2, "get s3://bucket/key {dir}/x -H X-A:b", "-H: headers are for http(s) URLs"),
                refused(2, "get " + NO_SERVER + " {dir}/x --cacert {missing}", "--cacert", "no readable file there"),
                refused(2, "put {src} " + NO_SERVER + " --part-size 1m", "--part-size", "must be between"),
                refused(2, "put {src} " + NO_SERVER + " --storage-class cold", "--storage-class: storage class 'cold': expected an S3"),
                refused(1, "put {src} " + NO_SERVER + " --storage-class STANDARD", "only s3:// objects have one"),
                refused(2, "put {src} ftp://host/x", "unsupported location ftp://host/x"),
                refused(2, "put  " + NO_SERVER, "FILE is empty"),
                refused(2, "put {src} " + NO_SERVER + " --connections 0", "--connections 0"),
                refused(1, "put {missing} " + NO_SERVER, "missing: no such file"),
                refused(1, "put {dir} " + NO_SERVER, "is a directory"),
                refused(2, "engines extra", "Unmatched argument"),
                refused(2, "", "a command is required (copy, get, put, send, receive, engines, bench, serve, nvme)"),
                refused(2, "cpy {src} {dir}/x", "unknown command 'cpy' (did you mean copy?); the commands are copy, get, put,"),
                refused(2, "frobnicate", "unknown command 'frobnicate'; the commands are copy, get,", "ferry --help"),
                refused(2, "nvme", "an nvme command is required (discover, identify)"),
                refused(2, "nvme discovr", "unknown nvme command 'discovr' (did you mean discover?); the nvme commands are discover, identify",
                        "ferry nvme --help"),
                refused(2, "bench --bs 0", "--bs: block size must be positive: 0"),
                refused(2, "bench --iodepth 0", "--iodepth: iodepth must be at least 1: 0"),
                refused(2, "bench --threads 0", "--threads: threads must be between 1 and 256: 0"),
                refused(2, "bench --batch-size 0", "--batch-size: batch size must be at least 1: 0"),
                refused(2, "bench --backend nosuch", "--backend: unknown backend 'nosuch'"),
                refused(2, "bench --rw sideways", "--rw: unknown operation 'sideways'"),
                refused(2, "bench --runtime soon", "--runtime", "not a time"),
                refused(2, "bench --direct=maybe", "--direct takes 0 or 1"),
                refused(2, "bench --ioengine warp", "--ioengine: unknown engine 'warp'"),
                refused(2, "bench --size 0", "--size: file size must be positive: 0"),
                refused(2, "bench --filename ", "--filename is empty"),
                refused(2, "bench --compare dd", "--compare: unknown tool 'dd'"),
                refused(2, "bench --compare curl", "--compare curl reads remote objects"),
                refused(2, "bench --connections 4", "--connections applies to the remote backend only"),
                refused(2, "bench --backend remote --filename ftp://host/x --rw read", "unsupported location ftp://host/x"),
                refused(2, "bench --backend remote --filename " + NO_SERVER + " --rw read --connections 0", "--connections 0"),
                refused(2, "bench --backend remote --filename " + NO_SERVER + " --rw read --remote-engine warp",
                        "--remote-engine warp: must be one of"),
                refused(2, "bench --size 64g --bs 1g --batch-size 64 --iodepth 1024",
                        "iodepth 1024 x batch size 64 x block size 1g", "exceeds the memory budget"),
                refused(1, "bench --filename {dir} --size 1m", "is a directory"),
                refused(1, "bench --filename {dir}/new/ --size 1m", "new/: no such directory"),
                refused(1, "bench --filename {src} --size 64k --bs 4k --rw read --verify", "does not hold the benchmark's pattern",
                        "--allow-overwrite"),
                refused(1, "bench --filename {src} --size 64k --bs 4k --rw write", "--rw write would write over", "--allow-overwrite"),
                refused(1, "bench --size 64k --bs 4k --json {dir}/no/such/dir/out.json", "--json", "no such directory"),
                refused(2, "bench --size 64k --bs 4k --json {dir}/out/", "--json", "out/: no such directory"),
                refused(2, "receive --listen 127.0.0.1:0 {dir}/x --resume-record {src}/", "--resume-record", "src.bin/: not a directory"),
                refused(1, "bench --size 64k --bs 4k --csv {dir}", "--csv", "EISDIR (is a directory)"));
    }

    @BeforeAll
    static void files() throws IOException {
        Files.write(dir.resolve("src.bin"), new byte[100_000]);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void shouldRefuseWithTheRightExitCodeAndOneLine(Case refused) throws IOException {
        byte[] source = Files.readAllBytes(dir.resolve("src.bin"));
        String[] args = refused.args().equals(List.of("")) ? new String[0]
                : refused.args().stream().map(BadCommandLineTest::expand).toArray(String[]::new);

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(refused.exitCode());
        String line = run.err().strip();
        assertThat(line).as("one line").doesNotContain("\n").startsWith("ferry: ");
        assertThat(line).contains(refused.phrases().stream().map(BadCommandLineTest::expand).toList())
                .doesNotContainPattern("(java|io\\.ferry|picocli)\\.[a-z]+\\.|Exception|\\(FERRY_|errno \\d");
        assertThat(run.out()).as("nothing on stdout: %s", run.out()).doesNotContain("results written", "copied", "got ");
        assertThat(Files.readAllBytes(dir.resolve("src.bin"))).as("the source is untouched").isEqualTo(source);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .as("nothing written beside the files").containsExactlyInAnyOrder("src.bin");
        }
    }

    private static String expand(String arg) {
        return arg.replace("{src}", dir.resolve("src.bin").toString())
                .replace("{dir}", dir.toString())
                .replace("{missing}", dir.resolve("missing").toString());
    }
}
