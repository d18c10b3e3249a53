package io.ferry.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ferry train} (hidden): runs the common one-shot commands once each, in this process and on
 * this machine only (a temporary directory and an HTTP server on 127.0.0.1), so that the launcher's
 * AOT cache ({@code -XX:AOTCacheOutput}) holds the classes they load and link (not their method
 * profiles: docs/design/packaging.md). A cache trained on
 * {@code engines} alone left a 1 MiB {@code get} 0.10-0.11 s of class loading and linking after
 * start-up; trained on a {@code get}, 0.04-0.06 s (docs/design/packaging.md). The get runs over
 * https too, under a certificate the JDK's keytool makes for the run ({@link TrainingCertificate}), for
 * the thousand classes of the JDK's TLS; without keytool that get is left out.
 */
@Command(name = "train", hidden = true,
        description = "Run copy, get and engines against this machine only, to train the launcher's AOT cache.")
final class TrainCommand implements Callable<Integer> {
    private static final int OBJECT_BYTES = 4 << 20;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("ferry-train-");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            byte[] bytes = new byte[OBJECT_BYTES];
            new Random(1).nextBytes(bytes);
            Path object = Files.write(dir.resolve("object.bin"), bytes);
            server.createContext("/", exchange -> serve(exchange, object));
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/object.bin";
            run("engines");
            run("get", "--no-progress", url, dir.resolve("got.bin").toString());
            getOverTls(dir, object);
            run("copy", "--no-progress", object.toString(), dir.resolve("copied.bin").toString());
            run("copy", "--no-progress", "--through-memory", object.toString(), dir.resolve("through.bin").toString());
        } finally {
            server.stop(0);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return 0;
    }

    /** A get from an https server on 127.0.0.1, when keytool made its certificate. */
    private static void getOverTls(Path dir, Path object) throws IOException {
        TrainingCertificate certificate = TrainingCertificate.make(dir);
        if (certificate == null) {
            return;
        }
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            server.createContext("/", exchange -> serve(exchange, object));
            server.start();
            run("get", "--no-progress", "--cacert", certificate.pem().toString(),
                    "https://127.0.0.1:" + server.getAddress().getPort() + "/object.bin", dir.resolve("got-tls.bin").toString());
        } finally {
            server.stop(0);
        }
    }

    private static void run(String... args) {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        int exit = FerryCommand.execute(quiet, quiet, args);
        if (exit != 0) {
            throw new FerryException(ErrorCode.IO_ERROR, "training run 'ferry " + String.join(" ", args) + "' exited with " + exit);
        }
    }

    /** HEAD and GET of {@code file}, whole or one byte range, as an object store answers them. */
    private static void serve(HttpExchange exchange, Path file) throws IOException {
        try (exchange; FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            long first = 0;
            long last = size - 1;
            Matcher range = RANGE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
            boolean partial = range.matches();
            if (partial) {
                first = Long.parseLong(range.group(1));
                last = range.group(2).isEmpty() ? last : Math.min(last, Long.parseLong(range.group(2)));
                exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + size);
            }
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            long length = last - first + 1;
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(partial ? 206 : 200, head ? -1 : length);
            if (!head) {
                OutputStream body = exchange.getResponseBody();
                channel.transferTo(first, length, Channels.newChannel(body));
            }
        }
    }
}
