package it.dev.kubenet.devmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a newcomer has after {@code git clone}: the repository's files and nothing built. Made from this checkout's
 * working tree (the files git tracks, and new ones it does not ignore), so that uncommitted work is what gets tested;
 * the tests change the copy, never the checkout. Maven's repository is the usual {@code ~/.m2}.
 */
final class FreshClone {

    private final Path root;

    private FreshClone(Path root) {
        this.root = root;
    }

    static FreshClone of(Path checkout, Path target) throws IOException, InterruptedException {
        deleteRecursively(target);
        Files.createDirectories(target);
        Path list = Files.createTempFile("git-ls-files", ".txt");
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(checkout.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(list.toFile())
                    .start();
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                throw new IllegalStateException("git ls-files failed in " + checkout + ": " + Files.readString(list));
            }
            for (String name : Files.readString(list, StandardCharsets.UTF_8).split("\0")) {
                Path file = checkout.resolve(name);
                // A file deleted in the working tree but not yet in git's index is not part of the clone.
                if (name.isEmpty() || !Files.isRegularFile(file)) {
                    continue;
                }
                Path copy = target.resolve(name);
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } finally {
            Files.deleteIfExists(list);
        }
        return new FreshClone(target);
    }

    Path root() {
        return root;
    }

    Path mvnw() {
        return root.resolve("mvnw");
    }

    /** Runs the wrapper in the clone's root; fails with the end of its output if it does not succeed in time. */
    void mvnw(Path log, Duration timeout, String... arguments) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(mvnw().toString());
        builder.command().addAll(List.of(arguments));
        Process maven = DevMode.withoutOuterBuild(builder)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        maven.getOutputStream().close();
        if (!maven.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            DevMode.destroyTree(maven);
            throw new IllegalStateException("./mvnw " + String.join(" ", arguments) + " did not finish within "
                    + timeout + "; see " + log);
        }
        if (maven.exitValue() != 0) {
            throw new IllegalStateException("./mvnw " + String.join(" ", arguments) + " failed:\n"
                    + DevMode.tail(log, 40));
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
