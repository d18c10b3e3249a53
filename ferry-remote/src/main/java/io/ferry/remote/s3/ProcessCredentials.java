package io.ferry.remote.s3;

import io.ferry.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.ferry.remote.s3.SourceFailures.failure;

/**
 * {@code credential_process}: runs the command with {@code sh -c} (as the AWS SDK for Java does),
 * with no input, and reads the JSON it prints: {@code Version} 1, {@code AccessKeyId},
 * {@code SecretAccessKey}, and optionally {@code SessionToken} and {@code Expiration} (credentials
 * without one are not refreshed). A command that fails is reported with the last line it wrote to
 * standard error. The command is trusted like the config file that names it; it is not given a
 * time limit (it may be waiting for its user), and the JDK watches it with a thread of its own.
 */
final class ProcessCredentials implements AwsCredentialsProvider {
    private static final int MAX_OUTPUT_BYTES = 64 * 1024;
    private static final CredentialsDocument FIELDS =
            new CredentialsDocument("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration");

    private final String command;
    private final String source;

    ProcessCredentials(String command, String source) {
        this.command = command;
        this.source = source;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        Path errors = null;
        try {
            errors = Files.createTempFile("ferry-credential-process-", ".err");
            Process process = new ProcessBuilder(List.of("sh", "-c", command))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(errors.toFile())
                    .start();
            byte[] output;
            try (InputStream out = process.getInputStream()) {
                output = out.readNBytes(MAX_OUTPUT_BYTES + 1);
            }
            if (output.length > MAX_OUTPUT_BYTES) {
                process.destroyForcibly();
                throw failure(ErrorCode.IO_ERROR, source, "the command printed more than " + MAX_OUTPUT_BYTES + " bytes");
            }
            int status = process.waitFor();
            if (status != 0) {
                String said = lastLine(Files.readString(errors, StandardCharsets.UTF_8));
                throw failure(ErrorCode.IO_ERROR, source, "the command exited with status " + status + (said.isEmpty() ? "" : ": " + said));
            }
            return read(new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(ErrorCode.IO_ERROR, source, "cannot run the command (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(ErrorCode.INTERRUPTED, source, "interrupted while waiting for the command");
        } finally {
            deleteQuietly(errors);
        }
    }

    private AwsCredentials read(String output) {
        Map<String, Object> document = CredentialsDocument.parse(output, source);
        if (!(document.get("Version") instanceof BigDecimal version) || version.compareTo(BigDecimal.ONE) != 0) {
            throw failure(ErrorCode.IO_ERROR, source, "the command's JSON has Version " + document.get("Version")
                    + "; only Version 1 is defined");
        }
        return FIELDS.read(document, source);
    }

    @Override
    public String describe() {
        return source;
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : SourceFailures.firstLine(lines.getLast());
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file in the temporary directory: nothing else to do.
            }
        }
    }
}
