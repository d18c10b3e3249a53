package io.ferry.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "Use it as a library" section quotes an example and the version: both must be current. */
class ReadmeTest {
    /** A quoted file: its path in the BEGIN and END markers, its text in the code block between them. */
    private static final Pattern QUOTE = Pattern.compile(
            "<!-- BEGIN (\\S+) -->\\n```java\\n(.*?)```\\n<!-- END \\1 -->", Pattern.DOTALL);
    private static final Path README = Path.of(System.getProperty("ferry.readme"));

    @Test
    void shouldQuoteEachExampleExactlyAsItsSourceFile() throws IOException {
        Matcher quote = QUOTE.matcher(Files.readString(README));
        int quotes = 0;
        while (quote.find()) {
            Path source = README.resolveSibling(quote.group(1));
            assertThat(quote.group(2)).as("README quote of %s", source).isEqualTo(Files.readString(source));
            quotes++;
        }
        assertThat(quotes).as("quoted examples in the README").isPositive();
    }

    @Test
    void shouldGiveTheBuildsVersionInTheMavenCoordinates() throws IOException {
        String version = System.getProperty("ferry.version");

        assertThat(Files.readString(README))
                .contains("<groupId>io.ferry</groupId>")
                .contains("<version>" + version + "</version>")
                .contains("All are version `" + version + "`");
    }
}
