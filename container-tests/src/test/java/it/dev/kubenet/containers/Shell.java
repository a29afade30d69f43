package it.dev.kubenet.containers;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Commands run from the repository's root, as a user runs them. Every command has a deadline: one that overruns it
 * is killed and fails the test with what it printed, never a hang.
 */
final class Shell {

    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    private final Map<String, String> environment;

    Shell(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** What a command printed (output and errors together) and how it ended. */
    record Result(int exitCode, String output) {

        String tail() {
            String[] lines = output.split("\n");
            return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
        }
    }

    /** A command of the engine itself. */
    String podman(Duration deadline, String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return succeed(deadline, command);
    }

    /** Runs the command; fails the test unless it exits with 0. */
    String succeed(Duration deadline, List<String> command) {
        Result result = run(deadline, command);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + result.exitCode() + ":\n" + result.tail());
        }
        return result.output();
    }

    Result run(Duration deadline, List<String> command) {
        try {
            Path output = Files.createTempFile("command-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    fail(String.join(" ", command) + " did not finish within " + deadline + ":\n"
                            + new Result(-1, Files.readString(output, StandardCharsets.UTF_8)).tail());
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
