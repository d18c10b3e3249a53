package io.ferry.cli;

import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain http:// URL that redirects to https:// in a run the launcher gave C1 alone (TLS is slow there):
 * a real redirect from a faulty server to nginx over TLS, in a child JVM with the launcher's one-shot flag.
 */
@Timeout(120)
class TlsUnderC1Test {
    @TempDir
    Path dir;

    @Test
    void shouldSayThatARedirectToHttpsRunsSlowlyUnderC1AndStillDeliver() throws IOException, InterruptedException {
        Requirements.nginx();
        byte[] content = new byte[(1 << 20) + 7];
        new Random(3).nextBytes(content);
        Files.write(Files.createDirectories(dir.resolve("www")).resolve("object.bin"), content);
        Path got = dir.resolve("got.bin");
        try (NginxServer nginx = NginxServer.startWithTls(dir.resolve("www")); FaultyHttpServer redirector = FaultyHttpServer.start()) {
            String secure = nginx.tlsUri("object.bin").toString();
            redirector.script().always(Fault.status(301).withHeader("Location", secure).onPath("/object.bin"));
            String[] get = {"get", "--no-progress", "--cacert", nginx.certificate().toString(),
                    redirector.uri("/object.bin").toString(), got.toString()};

            ChildCli underC1 = ChildCli.run(dir, List.of("-XX:TieredStopAtLevel=1"), Map.of(), dir, get);
            ChildCli withC2 = ChildCli.run(dir, List.of(), Map.of(), dir, get);

            assertThat(underC1.exitCode()).as(underC1.err()).isZero();
            assertThat(underC1.err()).isEqualTo("ferry get: " + redirector.uri("/object.bin") + " redirects to " + secure
                    + "; this run compiles with C1 alone, under which TLS is slow: give the https:// URL itself (or set "
                    + "JAVA_OPTS=-XX:TieredStopAtLevel=4)" + System.lineSeparator());
            assertThat(withC2.exitCode()).as(withC2.err()).isZero();
            assertThat(withC2.err()).as("nothing to say with C2").isEmpty();
            assertThat(Files.readAllBytes(got)).isEqualTo(content);
        }
    }
}
