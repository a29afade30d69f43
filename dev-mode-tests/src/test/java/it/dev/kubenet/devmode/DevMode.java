package it.dev.kubenet.devmode;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code mvn liberty:dev} run, typed at as a developer would: its output goes to a log file, its standard input
 * takes the developer's lines (Enter, {@code q}).
 */
final class DevMode implements AutoCloseable {

    private final Service service;
    private final Path serviceDir;
    private final Path log;
    private final Process process;
    private final Writer keyboard;

    private DevMode(Service service, Path serviceDir, Path log, Process process) {
        this.service = service;
        this.serviceDir = serviceDir;
        this.log = log;
        this.process = process;
        this.keyboard = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** {@code cd <service> && ../mvnw liberty:dev} */
    static DevMode inServiceFolder(FreshClone clone, Service service, Path log) throws IOException {
        Path serviceDir = clone.root().resolve(service.folder());
        return start(service, serviceDir, log, serviceDir,
                List.of(clone.mvnw().toString(), "-B", "-ntp", "liberty:dev"));
    }

    /** {@code ./mvnw -pl <service> liberty:dev}, from the repository's root */
    static DevMode fromRoot(FreshClone clone, Service service, Path log) throws IOException {
        return start(service, clone.root().resolve(service.folder()), log, clone.root(),
                List.of(clone.mvnw().toString(), "-B", "-ntp", "-pl", service.folder(), "liberty:dev"));
    }

    private static DevMode start(Service service, Path serviceDir, Path log, Path workingDir, List<String> command)
            throws IOException {
        Process process = withoutOuterBuild(new ProcessBuilder(command))
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new DevMode(service, serviceDir, log, process);
    }

    /** The Maven that runs this test passes on variables about its own project; the clone is another one. */
    static ProcessBuilder withoutOuterBuild(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(name -> name.equals("MAVEN_PROJECTBASEDIR")
                || name.equals("MAVEN_BASEDIR") || name.equals("MAVEN_CMD_LINE_ARGS"));
        return builder;
    }

    Service service() {
        return service;
    }

    Path serviceDir() {
        return serviceDir;
    }

    Path log() {
        return log;
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** Types a line and presses Enter. */
    void type(String line) {
        try {
            keyboard.write(line + "\n");
            keyboard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("dev mode of " + service.folder() + " no longer reads its input", e);
        }
    }

    /** How much dev mode has written so far: a start for {@link #awaitOutput}. */
    long outputLength() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the first match of {@code pattern} in what dev mode wrote after {@code from}. */
    Matcher awaitOutput(Pattern pattern, long from, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            String output = output(from);
            Matcher matcher = pattern.matcher(output);
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive()) {
                throw new AssertionError(service.folder() + ": dev mode ended (exit " + process.exitValue()
                        + ") before it wrote /" + pattern + "/:\n" + tail(log, 40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(service.folder() + ": dev mode did not write /" + pattern + "/ within "
                        + timeout + ":\n" + tail(log, 40));
            }
            sleep(250);
        }
    }

    String output(long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            int start = (int) Math.min(from, all.length);
            return new String(all, start, all.length - start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process id of the Liberty server's JVM that dev mode started (in the foreground: it writes no pid file). */
    OptionalLong serverPid() {
        List<ProcessHandle> jvms = serverProcesses().stream()
                .filter(p -> p.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .toList();
        return jvms.size() == 1 ? OptionalLong.of(jvms.get(0).pid()) : OptionalLong.empty();
    }

    /** Processes other than this dev mode's Maven whose command line names this service's Liberty install. */
    List<ProcessHandle> serverProcesses() {
        String install = serviceDir.resolve("target/liberty/wlp").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != process.pid())
                .filter(p -> p.info().commandLine().map(line -> line.contains(install)).orElse(false))
                .toList();
    }

    /** Types {@code q}, as docs/development.md says, and waits for dev mode to stop its server and end. */
    int quit(Duration timeout) throws InterruptedException {
        type("q");
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(service.folder() + ": dev mode did not end within " + timeout + " of 'q':\n"
                    + tail(log, 40));
        }
        return process.exitValue();
    }

    /** Whatever happened in the test: dev mode, its server and anything they started end here. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                type("q");
            } catch (UncheckedIOException alreadyClosed) {
                // it is ending anyway
            }
            process.waitFor(60, TimeUnit.SECONDS);
        }
        destroyTree(process);
        Path server = serviceDir.resolve("target/liberty/wlp/bin/server");
        if (Files.isExecutable(server) && !serverProcesses().isEmpty()) {
            try {
                Process stop = new ProcessBuilder(server.toString(), "stop", "defaultServer")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!stop.waitFor(90, TimeUnit.SECONDS)) {
                    stop.destroyForcibly();
                }
            } catch (IOException e) {
                // the kill below is the last resort
            }
        }
        for (ProcessHandle leftover : serverProcesses()) {
            leftover.destroyForcibly();
            leftover.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
        }
    }

    static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param when what the caller is about, for the message */
    static void assertPortFree(int port, String when) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            fail("something listens on port " + port + " " + when);
        } catch (ConnectException refused) {
            // free
        } catch (IOException e) {
            fail("port " + port + " " + when + ": " + e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
