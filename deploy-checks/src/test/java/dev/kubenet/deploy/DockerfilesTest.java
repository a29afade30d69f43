package dev.kubenet.deploy;

import static dev.kubenet.deploy.Repository.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles as files: what hadolint and a reviewer would catch. The container tests (container-tests, mvn
 * verify -Pcontainers) build them for real, on local stand-ins of the base images; these checks hold the parts that
 * run differently there: the official base images the Dockerfiles name by default.
 */
class DockerfilesTest {

    private static final Pattern VERSIONED_TAG = Pattern.compile("^\\S+:(\\S*\\d+\\.\\d+\\S*)(\\s+AS\\s+\\S+)?$");

    private static final Pattern ARG_DEFAULT = Pattern.compile("^ARG (\\w+)=(\\S+)$");

    /** The one Dockerfile of the Java services, whose folder and port are its build arguments SERVICE and PORT. */
    static final String JAVA = "common/liberty/Dockerfile";
    static final List<String> JAVA_SERVICES = Repository.javaServices();

    /**
     * The Dockerfile's instructions, continuation lines joined, comments dropped, and each base image named by an
     * argument ({@code FROM ${LIBERTY_IMAGE}}) replaced by that argument's default: the image a user's build takes.
     */
    private static List<String> instructions(Path dockerfile) throws IOException {
        List<String> result = new ArrayList<>();
        for (String instruction : rawInstructions(dockerfile)) {
            result.add(instruction.startsWith("FROM ") ? withDefaults(instruction, argDefaults(dockerfile)) : instruction);
        }
        return result;
    }

    /** The defaults of the arguments declared before the first FROM, which only FROM lines can use. */
    static Map<String, String> argDefaults(Path dockerfile) throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String instruction : rawInstructions(dockerfile)) {
            if (instruction.startsWith("FROM ")) {
                break;
            }
            Matcher arg = ARG_DEFAULT.matcher(instruction);
            if (arg.matches()) {
                defaults.put(arg.group(1), arg.group(2));
            }
        }
        return defaults;
    }

    private static String withDefaults(String from, Map<String, String> defaults) {
        Matcher reference = Pattern.compile("\\$\\{(\\w+)}").matcher(from);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            assertTrue(defaults.containsKey(name), "FROM uses an argument without a default: " + from);
            reference.appendReplacement(resolved, Matcher.quoteReplacement(defaults.get(name)));
        }
        return reference.appendTail(resolved).toString();
    }

    private static List<String> rawInstructions(Path dockerfile) throws IOException {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                result.add(current.toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return result;
    }

    private static List<String> finalStage(List<String> instructions) {
        int from = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).startsWith("FROM ")) {
                from = i;
            }
        }
        return instructions.subList(from, instructions.size());
    }

    private static int indexOf(List<String> instructions, String start) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"common/liberty", "web-frontend"})
    void everyBaseImageIsPinnedToAVersion(String folder) throws IOException {
        for (String instruction : instructions(ROOT.resolve(folder + "/Dockerfile"))) {
            if (instruction.startsWith("FROM ")) {
                String image = instruction.substring(5);
                assertTrue(VERSIONED_TAG.matcher(image).matches(), folder + ": not pinned to a version: " + image);
                assertFalse(image.contains(":latest"), folder + ": " + image);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"common/liberty", "web-frontend"})
    void theImageRunsAsANonRootUser(String folder) throws IOException {
        List<String> stage = finalStage(instructions(ROOT.resolve(folder + "/Dockerfile")));
        String lastUser = stage.stream().filter(i -> i.startsWith("USER ")).reduce((a, b) -> b).orElse("");
        assertTrue(lastUser.matches("USER [1-9]\\d*(:\\d+)?"), folder + ": final USER must be a non-root uid: " + lastUser);
    }

    @ParameterizedTest
    @ValueSource(strings = {"common/liberty", "web-frontend"})
    void noSecretIsBakedIn(String folder) throws IOException {
        Pattern secret = Pattern.compile("(?i)^(ENV|ARG) .*(PASSWORD|SECRET|SIGNING_KEY|TOKEN)\\S*=");
        for (String instruction : instructions(ROOT.resolve(folder + "/Dockerfile"))) {
            assertFalse(secret.matcher(instruction).find(), folder + ": " + instruction);
        }
    }

    @Test
    void libertyImagesFollowOpenLibertysOrder() throws IOException {
        List<String> stage = finalStage(instructions(ROOT.resolve(JAVA)));
        assertTrue(stage.get(0).matches("FROM icr\\.io/appcafe/open-liberty:\\S+-kernel-slim-\\S+"), stage.get(0));
        int arguments = Math.max(stage.indexOf("ARG SERVICE"), stage.indexOf("ARG PORT"));
        int config = indexOf(stage, "COPY --chown=1001:0 ${SERVICE}/src/main/liberty/config/ /config/");
        int shared = indexOf(stage, "COPY --chown=1001:0 common/liberty/jvm.options common/liberty/server.env /config/");
        int included = indexOf(stage, "COPY --chown=1001:0 common/liberty/service.xml /opt/ol/wlp/usr/shared/config/");
        int features = indexOf(stage, "RUN features.sh");
        int war = indexOf(stage, "COPY --chown=1001:0 --from=build /build/${SERVICE}/target/${SERVICE}.war /config/dropins/");
        int configure = indexOf(stage, "RUN configure.sh");
        assertTrue(arguments > 0 && arguments < config && config < shared && shared < included && included < features
                && features < war && war < configure, "expected SERVICE and PORT, server.xml, the shared jvm.options "
                        + "and server.env, the service.xml server.xml includes, features.sh, the WAR, configure.sh in "
                        + "that order: " + stage);
        for (String instruction : stage) {
            if (instruction.startsWith("COPY ")) {
                assertTrue(instruction.startsWith("COPY --chown=1001:0 "), instruction);
            }
        }
        assertTrue(stage.stream().anyMatch(i -> i.startsWith("ENV ") && i.contains(" HTTP_HOST=* ")),
                "must listen beyond localhost in a container");
        assertTrue(stage.stream().anyMatch(i -> i.startsWith("ENV ") && i.contains("WLP_LOGGING_CONSOLE_LOGLEVEL=INFO")),
                "the container's log (its console) must show the INFO line that names the auth address");
        assertTrue(stage.contains("EXPOSE ${PORT}"), "EXPOSE the port the build is given");
    }

    /**
     * IBM's registry keeps the Open Liberty images of the latest release and of the last three quarterly ones (x.0.0.3,
     * .6, .9, .12): a monthly release's tag is gone with the next release. Java 21 comes only on UBI minimal. The
     * docs/containers.md says how to move the tag. The build and the tests run pom.xml's release: the image's is not older.
     */
    @Test
    void theLibertyImageIsOneQuarterlyReleaseTheRegistryKeeps() throws IOException {
        Pattern quarterly = Pattern.compile("icr\\.io/appcafe/open-liberty:(\\d+)\\.0\\.0\\.(3|6|9|12)"
                + "-kernel-slim-java\\d+-openj9-ubi-minimal");
        String image = argDefaults(ROOT.resolve(JAVA)).get("LIBERTY_IMAGE");
        Matcher version = quarterly.matcher(image);
        assertTrue(version.matches(), "a quarterly release's UBI-minimal kernel-slim tag: " + image);
        Matcher runtime = Pattern.compile("<liberty.runtime.version>(\\d+)\\.0\\.0\\.(\\d+)</liberty.runtime.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(runtime.find(), "pom.xml names the Open Liberty release the build uses");
        int[] tested = {Integer.parseInt(runtime.group(1)), Integer.parseInt(runtime.group(2))};
        int[] imaged = {Integer.parseInt(version.group(1)), Integer.parseInt(version.group(2))};
        assertTrue(Arrays.compare(imaged, tested) >= 0, image + " is older than the release the build and tests use, "
                + String.join(".0.0.", runtime.group(1), runtime.group(2)));
    }

    @Test
    void everyCopyFromTheContextNamesAnExistingPathForEveryService() throws IOException {
        for (String instruction : instructions(ROOT.resolve(JAVA))) {
            if (instruction.startsWith("COPY ") && !instruction.contains("--from=")) {
                String[] words = instruction.replace("--chown=1001:0 ", "").split(" ");
                for (int i = 1; i < words.length - 1; i++) {
                    for (String service : JAVA_SERVICES) {
                        String path = words[i].replace("${SERVICE}", service);
                        assertTrue(path.equals(".") || Files.exists(ROOT.resolve(path)),
                                service + ": COPY of a missing path: " + path);
                    }
                }
            }
        }
    }

    /** The instructions of the stage that starts with {@code FROM <image> AS <name>}. */
    private static List<String> stage(List<String> instructions, String name) {
        int from = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).startsWith("FROM ") && instructions.get(i).endsWith(" AS " + name)) {
                from = i;
            } else if (from >= 0 && instructions.get(i).startsWith("FROM ")) {
                return instructions.subList(from, i);
            }
        }
        assertTrue(from >= 0, "no stage " + name + ": " + instructions);
        return instructions.subList(from, instructions.size());
    }

    /** Runs the POM stage's RUN on a small tree of the repository's shape and reads what is left. */
    @Test
    void thePomStageKeepsEveryPomAndDekoratesInputsAndNothingElseAtOneTime(@TempDir Path tree) throws IOException {
        List<String> poms = stage(rawInstructions(ROOT.resolve(JAVA)), "poms");
        List<String> runs = poms.stream().filter(i -> i.startsWith("RUN ")).toList();
        assertEquals(1, runs.size(), "one RUN in the POM stage: " + poms);
        List<String> kept = List.of("pom.xml", "common/http/pom.xml", "notes-service/pom.xml",
                "notes-service/src/main/kubernetes/kubernetes.yml", "notes-service/src/main/kubernetes/dekorate.properties");
        List<String> dropped = List.of("README.md", "common/http/src/main/java/Http.java",
                "notes-service/src/main/liberty/config/server.xml", "notes-service/src/main/java/pom.xml.txt");
        for (String file : concat(kept, dropped)) {
            Files.createDirectories(tree.resolve(file).getParent());
            Files.writeString(tree.resolve(file), file);
        }
        Command run = Command.run(tree, "sh", "-c", runs.get(0).substring("RUN ".length()));
        assertEquals(0, run.exitCode(), run.output());
        List<String> left;
        try (Stream<Path> files = Files.walk(tree)) {
            left = files.filter(Files::isRegularFile).map(file -> tree.relativize(file).toString()).sorted().toList();
        }
        assertEquals(kept.stream().sorted().toList(), left);
        assertTrue(Files.notExists(tree.resolve("common/http/src")), "an emptied folder stays behind");
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.filter(path -> !path.equals(tree)).toList()) {
                // A folder's time changes as files in it are deleted: a time left as it was would change the copy's
                // contents, and with them the cache key of the layer of dependencies, on every build.
                assertEquals(0, Files.getLastModifiedTime(path).toMillis(), "a time left in the copy: " + path);
            }
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    @Test
    void theDependencyLayerIsTheSameInEveryJavaImageAndBuildsEveryJavaService() throws IOException {
        // The build stage up to its first mvn run: one cached layer of dependencies that every image shares, so
        // SERVICE (whose value is part of the cache key of every RUN after its ARG) is declared only after it.
        List<String> build = stage(rawInstructions(ROOT.resolve(JAVA)), "build");
        int firstMvn = indexOf(build, "RUN mvn ");
        assertTrue(firstMvn > 0, "the build stage runs mvn: " + build);
        List<String> layer = build.subList(0, firstMvn + 1);
        assertTrue(layer.stream().noneMatch(i -> i.contains("SERVICE") || i.startsWith("ARG ")),
                "the dependency layer must not depend on a build argument: " + layer);
        assertEquals(List.of("COPY --from=poms /build/ ./"), layer.stream().filter(i -> i.startsWith("COPY ")).toList(),
                "the dependency layer copies the POM stage only: " + layer);
        // Its -pl names the Java services as this repository's other tools find them (Repository.javaServices).
        Matcher modules = Pattern.compile("-pl \"\\$\\((.+?)\\)\" ").matcher(layer.get(firstMvn));
        assertTrue(modules.find(), "mvn -pl \"$(...)\": " + layer.get(firstMvn));
        Command listed = Command.run(ROOT, "sh", "-c", modules.group(1));
        assertEquals(String.join(",", JAVA_SERVICES), listed.output().strip());
    }

    @Test
    void dockerfileUtilsFindsNoProblem() {
        Command result = Command.run(ROOT.resolve("deploy-checks"), "node", "src/test/node/lint-dockerfiles.mjs",
                "../" + JAVA, "../web-frontend/Dockerfile");
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void theFrontendImageServesTheTemplateAndTheUiOnItsPort() throws IOException {
        List<String> stage = finalStage(instructions(ROOT.resolve("web-frontend/Dockerfile")));
        assertTrue(stage.contains("COPY nginx/templates/ /etc/nginx/templates/"), stage.toString());
        // The UI's files under content-hashed names (build-assets.sh), made in the stage before.
        assertTrue(stage.contains("COPY --from=assets /tmp/html/ /usr/share/nginx/html/"), stage.toString());
        List<String> all = instructions(ROOT.resolve("web-frontend/Dockerfile"));
        assertTrue(all.contains("RUN sh /build/build-assets.sh /build/public /tmp/html"), all.toString());
        String env = stage.stream().filter(i -> i.startsWith("ENV ")).findFirst().orElse("");
        assertTrue(env.contains("NGINX_PORT=8080") && stage.contains("EXPOSE 8080"), env);
        assertTrue(env.contains("USERS_ADDRESS=users-service.default.svc.cluster.local:8080")
                && env.contains("TASKS_ADDRESS=tasks-service.default.svc.cluster.local:8000"), env);
        // Off unless a deployment turns it on: an image run as it is tells outsiders nothing about the inside.
        assertTrue(env.contains("NETWORK_DETAILS=false"), env);
    }

    @Test
    void theFrontendImageHasAnNginxThatReResolvesUpstreamNames() throws IOException {
        String from = instructions(ROOT.resolve("web-frontend/Dockerfile")).stream()
                .filter(i -> i.startsWith("FROM ")).reduce((first, last) -> last).orElseThrow();
        Matcher version = Pattern.compile(":(\\d+)\\.(\\d+)\\.(\\d+)").matcher(from);
        assertTrue(version.find(), "the nginx image is pinned to a version: " + from);
        int[] image = {Integer.parseInt(version.group(1)), Integer.parseInt(version.group(2)),
                Integer.parseInt(version.group(3))};
        assertTrue(Arrays.compare(image, NginxConfig.RESOLVE_SINCE) >= 0,
                "the template's upstream servers use \"resolve\", new in nginx 1.27.3: " + from);
    }

    @Test
    void buildContextsLeaveOutWhatIsBuiltOrRunLocally() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertTrue(ignored.contains("**/target/") && ignored.contains(".run/") && ignored.contains(".git/"), ignored.toString());
        assertEquals(List.of("*", "!nginx/templates/", "!public/", "!build-assets.sh"), Files.readAllLines(ROOT.resolve("web-frontend/.dockerignore")));
    }
}
