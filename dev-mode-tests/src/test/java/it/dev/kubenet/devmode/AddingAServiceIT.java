package it.dev.kubenet.devmode;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/development.md's "Adding a service", followed in a copy of the repository: a fourth service, notes-service (the
 * folder in src/test/resources: a POM, a server.xml that includes the shared configuration, a KubernetesManifest and
 * one resource; dekorate's input copied from tasks-service), plus the edits the recipe names for running it on one
 * machine: the root POM's module list and nginx's template. Then the README's first command, {@code ./run.sh}, must
 * build and start it beside the other three, and nginx must route {@code /api/notes/} to it. It stops short of the
 * images, Compose and deploy/ (which the recipe names too): building four images in a copy would add minutes to every
 * CI run.
 */
class AddingAServiceIT {

    private static final Path CLONE_DIR =
            Path.of(System.getProperty("clone.dir", "target/fresh-clone")).resolveSibling("clone-with-notes-service")
                    .toAbsolutePath();
    private static final Path LOG = CLONE_DIR.resolveSibling("clone-with-notes-service.log");
    private static final Path NEW_SERVICE = Path.of("src/test/resources/notes-service").toAbsolutePath();
    /** The build of four services and their starts, on two cores. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final int UI_PORT = 8090;
    private static final String UI = "http://localhost:" + UI_PORT;
    /** notes-service's http.port (its POM). */
    private static final int NOTES_PORT = 8060;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aFourthServiceAddedByTheRecipeRunsBesideTheOthersBehindNginx() throws Exception {
        String before = "before ./run.sh starts (is ./run.sh or mvn verify running?)";
        DevMode.assertPortFree(UI_PORT, before);
        DevMode.assertPortFree(NOTES_PORT, before);
        for (Service service : Service.all()) {
            DevMode.assertPortFree(service.httpPort(), before);
        }
        FreshClone clone = FreshClone.of(Service.ROOT, CLONE_DIR);
        Path root = clone.root();
        copyFolder(NEW_SERVICE, root.resolve("notes-service"));
        copyKubernetesInput(root.resolve("tasks-service"), root.resolve("notes-service"));
        addModule(root.resolve("pom.xml"), "notes-service");
        addRoute(root.resolve("web-frontend/nginx/templates/default.conf.template"));

        Process run = DevMode.withoutOuterBuild(new ProcessBuilder("./run.sh")).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        try {
            HttpResponse<String> notes = awaitAnswer(run, UI + "/api/notes/");
            HttpResponse<String> missing = get(UI + "/api/notes/no-such-thing");
            HttpResponse<String> tasks = get(UI + "/api/tasks");
            HttpResponse<String> page = get(UI + "/");
            assertAll(
                    () -> assertEquals(200, notes.statusCode(), notes.body()),
                    () -> assertEquals("application/json", contentType(notes)),
                    () -> assertTrue(notes.body().contains("\"service\":\"notes-service\""), notes.body()),
                    // The shared error format (common-http) comes with the recipe.
                    () -> assertEquals(404, missing.statusCode(), missing.body()),
                    () -> assertEquals("application/problem+json", contentType(missing), missing.body()),
                    // The others still answer where they did: tasks-service wants a token, the UI is served.
                    () -> assertEquals(401, tasks.statusCode(), tasks.body()),
                    () -> assertEquals(200, page.statusCode()),
                    () -> assertEquals(200, get("http://localhost:" + NOTES_PORT + "/health/ready").statusCode()),
                    () -> assertTrue(Files.isRegularFile(root.resolve(".run/logs/notes-service/messages.log")),
                            "its log beside the others' in .run/logs"));
        } finally {
            stop(root, run);
        }
        DevMode.assertPortFree(NOTES_PORT, "after ./run.sh stop");
    }

    /** Step 2: dekorate's input, as tasks-service has it, with the name and port changed. */
    private static void copyKubernetesInput(Path from, Path to) throws IOException {
        Path input = Path.of("src/main/kubernetes");
        Files.createDirectories(to.resolve(input));
        try (Stream<Path> files = Files.list(from.resolve(input))) {
            for (Path file : files.toList()) {
                Files.writeString(to.resolve(input).resolve(file.getFileName().toString()), Files.readString(file)
                        .replace("tasks-service", "notes-service").replace("\"8000\"", "\"" + NOTES_PORT + "\""));
            }
        }
    }

    /** Step 1: the root POM's modules. */
    private static void addModule(Path pom, String module) throws IOException {
        String text = Files.readString(pom);
        String last = "        <module>tasks-service</module>\n";
        assertTrue(text.contains(last), "the root POM lists tasks-service: " + pom);
        Files.writeString(pom, text.replace(last, last + "        <module>" + module + "</module>\n"));
    }

    /**
     * Step 4: an upstream group for the service, at the address its variable gives (NOTES_ADDRESS, as run.sh names
     * each service's), and a location that hands /api/notes/... to it as /notes/....
     */
    private static void addRoute(Path template) throws IOException {
        String text = Files.readString(template);
        String server = "server {\n";
        String apiLocation = "    location /api/ {\n";
        assertTrue(text.contains(server) && text.contains(apiLocation), "the template's server and /api/: " + template);
        Files.writeString(template, text
                .replace(server, """
                        upstream notes_service {
                            zone notes_service 64k;
                            server ${NOTES_ADDRESS} resolve;
                            keepalive 64;
                        }

                        """ + server)
                .replace(apiLocation, """
                            location /api/notes/ {
                                proxy_pass http://notes_service/notes/;
                            }
                        """ + apiLocation));
    }

    private HttpResponse<String> awaitAnswer(Process run, String url) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!run.isAlive()) {
                fail("./run.sh ended (" + run.exitValue() + ") before " + url + " answered:\n" + DevMode.tail(LOG, 40));
            }
            if (DevMode.tail(LOG, 40).contains("The system is ready.")) {
                return get(url);
            }
            Thread.sleep(1_000);
        }
        return fail("./run.sh was not ready within " + RUN_TIMEOUT + ":\n" + DevMode.tail(LOG, 40));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "");
    }

    /** ./run.sh stop, as the README says for a run left behind; it stops the servers that run.sh started. */
    private static void stop(Path root, Process run) throws IOException, InterruptedException {
        Process stop = new ProcessBuilder("./run.sh", "stop").directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile())).start();
        if (!stop.waitFor(2, TimeUnit.MINUTES)) {
            stop.destroyForcibly();
        }
        DevMode.destroyTree(run);
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
    }

}
