import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the shaded CLI jar, run by Maven as a single-file program on the build's JDK:
 * rewrites every class older than Java 6 (class file version 49 and below: picocli's) as version
 * 52 with stack maps, which the JVM verifies with its fast type-checking verifier. The JDK's AOT
 * cache (the launcher's ferry.aot) leaves out classes of version 49 and below ("Unlinked class not
 * supported by AOTClassLinking"), so without this picocli's 228 classes were loaded, verified by
 * the old inferring verifier and linked on every command: 60-100 ms of each start
 * (docs/design/packaging.md). Each rewritten class is checked by the JDK's verifier here, so a
 * class that would not load fails the build, not a user's command.
 * Usage: java RaiseClassFileVersion.java JAR (rewritten in place).
 */
public final class RaiseClassFileVersion {
    private static final int OLDEST_KEPT = 50;
    private static final int RAISED_TO = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java RaiseClassFileVersion.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".raised");
        int raised;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            // Stack maps merge types, so the generator must know the jar's class hierarchy as well as the JDK's.
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
            raised = rewrite(classFile, jar, rewritten);
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("RaiseClassFileVersion: " + raised + " classes of " + jar.getFileName() + " raised to version "
                + RAISED_TO);
    }

    /** Copies {@code from} into {@code to} entry by entry, in order, raising old classes; returns how many. */
    private static int rewrite(ClassFile classFile, Path from, Path to) throws IOException {
        int raised = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().endsWith(".class")) {
                    ClassModel model = classFile.parse(bytes);
                    if (model.majorVersion() < OLDEST_KEPT) {
                        bytes = raise(classFile, entry.getName(), model);
                        raised++;
                    }
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        return raised;
    }

    /** The class at version 52, every method body rebuilt so that it gets stack maps; verified. */
    private static byte[] raise(ClassFile classFile, String name, ClassModel model) {
        byte[] raised = classFile.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen(ClassTransform.endHandler(builder -> builder.withVersion(RAISED_TO, 0))));
        List<VerifyError> errors = classFile.verify(raised);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(name + " does not verify at version " + RAISED_TO + ": " + errors.getFirst());
        }
        return raised;
    }
}
