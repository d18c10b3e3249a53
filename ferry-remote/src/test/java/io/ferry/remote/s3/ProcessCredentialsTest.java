package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static io.ferry.remote.s3.FerryFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** credential_process: a command that prints credentials as JSON, run as the SDKs run it. */
class ProcessCredentialsTest {
    private final AwsHome home;

    ProcessCredentialsTest(@TempDir Path dir) {
        home = new AwsHome(dir);
    }

    /** A script that prints {@code output} and exits with {@code status}; returns the command that runs it. */
    private String script(String output, String errors, int status) throws IOException {
        Path script = home.path().resolve("creds.sh");
        Files.writeString(script, "cat <<'JSON'\n" + output + "\nJSON\necho '" + errors + "' >&2\nexit " + status + "\n");
        return "sh " + script;
    }

    private AwsCredentials resolveProfile(String command) {
        home.config("[profile tool]\ncredential_process = " + command + "\n");
        AwsEnvironment env = new AwsEnvironment(AwsHome.withoutInstanceMetadata(Map.of("AWS_PROFILE", "tool")), home.path());
        return new DefaultCredentialsChain(env).resolveCredentials();
    }

    @Test
    void shouldReadTheCredentialsTheCommandPrints() throws IOException {
        String command = script("""
                {"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "proc/secret", "SessionToken": "proc-token",
                 "Expiration": "2031-05-06T07:08:09Z"}""", "", 0);

        assertThat(resolveProfile(command))
                .isEqualTo(new AwsCredentials("ASIAPROC", "proc/secret", "proc-token", Instant.parse("2031-05-06T07:08:09Z")));
    }

    @Test
    void shouldTakeCredentialsWithoutExpirationAsLongTerm() throws IOException {
        String command = script("{\"Version\": 1, \"AccessKeyId\": \"AKIAPROC\", \"SecretAccessKey\": \"s\"}", "", 0);

        assertThat(AwsCredentialsProvider.process(command).resolveCredentials()).isEqualTo(new AwsCredentials("AKIAPROC", "s", null));
    }

    @Test
    void shouldReportTheExitStatusAndWhatTheCommandSaid() throws IOException {
        String command = script("", "token expired; run login-tool first", 3);

        assertFails(() -> resolveProfile(command), ErrorCode.IO_ERROR)
                .hasMessage("credential_process of profile tool (" + home.path().resolve(".aws/config") + " [profile tool]): "
                        + "the command exited with status 3: token expired; run login-tool first");
    }

    @Test
    void shouldRefuseAnotherVersion() throws IOException {
        String command = script("{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\"}", "", 0);

        assertFails(() -> resolveProfile(command), ErrorCode.IO_ERROR)
                .hasMessageEndingWith("the command's JSON has Version 2; only Version 1 is defined");
    }

    @Test
    void shouldSayWhatIsWrongWithOutputThatIsNotJson() throws IOException {
        String command = script("AccessKeyId=A", "", 0);

        assertFails(() -> resolveProfile(command), ErrorCode.IO_ERROR)
                .hasMessageContaining("the answer is not the JSON expected (unexpected text at character 1)");
    }

    @Test
    void shouldNameAMissingSecret() throws IOException {
        String command = script("{\"Version\": 1, \"AccessKeyId\": \"A\"}", "", 0);

        assertFails(() -> resolveProfile(command), ErrorCode.IO_ERROR).hasMessageEndingWith("the answer has no SecretAccessKey");
    }

    @Test
    void shouldNameAnExpirationThatIsNotATime() throws IOException {
        String command = script("{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\", \"Expiration\": \"soon\"}", "", 0);

        assertFails(() -> resolveProfile(command), ErrorCode.IO_ERROR)
                .hasMessageEndingWith("the answer's Expiration 'soon' is not a time such as 2030-01-31T12:00:00Z");
    }
}
