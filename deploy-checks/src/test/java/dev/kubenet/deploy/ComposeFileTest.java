package dev.kubenet.deploy;

import static dev.kubenet.deploy.Repository.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * compose.yaml, checked without a Docker engine: by the Compose Specification's schema and by docker-compose
 * itself, then against what the images and services really expect (names, ports, variables, secrets, order).
 */
class ComposeFileTest {

    /** The Compose service and the folder (and image name) of each Java service: those built with a SERVICE. */
    private static final Map<String, String> JAVA_SERVICES = javaServicesOfCompose();
    private static final Pattern HEALTH_URL = Pattern.compile("http://(localhost|127\\.0\\.0\\.1):(\\d+)(/\\S*)");

    private final Map<String, Object> compose = Repository.yaml("compose.yaml");

    @Test
    void validatesAgainstTheComposeSpecificationSchema() {
        Command result = Command.run(Repository.path("deploy-checks"), "node", "src/test/node/validate-compose.mjs",
                ROOT.resolve("compose.yaml").toString());
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void dockerComposeAcceptsIt() {
        // Debian's docker-compose (1.29) validates, resolves and interpolates the file without an engine.
        Command result = Command.run(ROOT, "docker-compose", "--file", "compose.yaml", "config", "--quiet");
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void theFileFollowsTheComposeSpecificationNotTheOldFormat() {
        assertNull(compose.get("version"), "the Compose Specification has no version: key");
        assertEquals(Set.of("auth", "users", "tasks", "frontend", "postgres"), services().keySet());
    }

    @Test
    void everyBuildContextAndDockerfileExists() {
        services().forEach((name, service) -> {
            Map<String, Object> build = map(service.get("build"));
            if (build != null) {
                Path context = ROOT.resolve((String) build.get("context")).normalize();
                assertTrue(Files.isDirectory(context), name + ": build context " + context);
                String dockerfile = (String) build.getOrDefault("dockerfile", "Dockerfile");
                assertTrue(Files.isRegularFile(context.resolve(dockerfile)), name + ": " + context.resolve(dockerfile));
            }
        });
    }

    @Test
    void imagesAreNamedAsInThePom() {
        String prefix = System.getProperty("image.prefix");
        String tag = System.getProperty("image.tag");
        assertNotNull(prefix, "the build passes image.prefix from pom.xml");
        Map<String, String> folders = Map.of("auth", "auth-service", "users", "users-service",
                "tasks", "tasks-service", "frontend", "web-frontend");
        folders.forEach((name, folder) ->
                assertEquals(prefix + "/" + folder + ":" + tag, services().get(name).get("image"), name));
        assertTrue(String.valueOf(services().get("postgres").get("image"))
                        .matches("\\$\\{POSTGRES_IMAGE:-postgres:\\d+\\.\\d+\\S*}"),
                "postgres is the official image, pinned to a version, unless POSTGRES_IMAGE names another");
    }

    /**
     * Each Java service is a Compose service, built from the one Dockerfile, told its own folder and the port its
     * server.xml names.
     */
    @Test
    void eachJavaServiceIsBuiltFromTheOneDockerfileWithItsFolderAndPort() {
        assertEquals(Set.copyOf(Repository.javaServices()), Set.copyOf(JAVA_SERVICES.values()),
                "the Java services (folders with src/main/kubernetes) against compose.yaml's");
        JAVA_SERVICES.forEach((name, folder) -> {
            Map<String, Object> build = map(services().get(name).get("build"));
            assertEquals(DockerfilesTest.JAVA, build.get("dockerfile"), name);
            Map<String, Object> args = map(build.get("args"));
            assertEquals(folder, args.get("SERVICE"), name);
            assertEquals(String.valueOf(Repository.defaultHttpPort(folder)), String.valueOf(args.get("PORT")), name);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> javaServicesOfCompose() {
        Map<String, String> folders = new java.util.TreeMap<>();
        ((Map<String, Map<String, Object>>) Repository.yaml("compose.yaml").get("services")).forEach((name, service) -> {
            Object build = service.get("build");
            if (build instanceof Map<?, ?> options && options.get("args") instanceof Map<?, ?> args
                    && args.get("SERVICE") != null) {
                folders.put(name, String.valueOf(args.get("SERVICE")));
            }
        });
        return folders;
    }

    /** {@code NAME: ${NAME:-default}}: unset, the build takes the same official base image as the Dockerfile. */
    @Test
    void baseImageArgumentsDefaultToTheDockerfilesOwnDefaults() {
        Pattern passThrough = Pattern.compile("\\$\\{(\\w+):-(\\S+)}");
        services().forEach((name, service) -> {
            Map<String, Object> build = map(service.get("build"));
            if (build == null) {
                return;
            }
            Path dockerfile = ROOT.resolve((String) build.get("context"))
                    .resolve((String) build.getOrDefault("dockerfile", "Dockerfile")).normalize();
            Map<String, Object> args = new LinkedHashMap<>(map(build.get("args")));
            // The Java services' one Dockerfile is also told which service to build, and its port.
            args.keySet().removeAll(List.of("SERVICE", "PORT"));
            try {
                assertEquals(DockerfilesTest.argDefaults(dockerfile).keySet(), args.keySet(), name);
                for (Map.Entry<String, Object> arg : args.entrySet()) {
                    Matcher value = passThrough.matcher(String.valueOf(arg.getValue()));
                    assertTrue(value.matches() && value.group(1).equals(arg.getKey()), name + ": " + arg);
                    assertEquals(DockerfilesTest.argDefaults(dockerfile).get(arg.getKey()), value.group(2),
                            name + ": the default of " + arg.getKey());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth", "users", "tasks"})
    void everyVariableSetForAJavaServiceIsOneItReads(String name) {
        Set<String> read = Repository.environmentVariablesRead(JAVA_SERVICES.get(name));
        for (String variable : environment(name).keySet()) {
            assertTrue(read.contains(variable), name + " sets " + variable + ", which the service never reads; it reads "
                    + read);
        }
    }

    @Test
    void everyVariableSetForTheFrontendIsOneTheTemplateUses() {
        Set<String> rendered = Set.copyOf(NginxConfig.templateVariables());
        for (String variable : environment("frontend").keySet()) {
            assertTrue(rendered.contains(variable), "frontend sets " + variable + "; the template renders " + rendered);
        }
    }

    /** Compose runs the course: every hop names itself in the Server-Timing header, nginx too. */
    @ParameterizedTest
    @ValueSource(strings = {"auth", "users", "tasks", "frontend"})
    void everyHopTellsItsNetworkDetails(String name) {
        assertEquals("true", String.valueOf(environment(name).get("NETWORK_DETAILS")), name);
    }

    /** The host each Java service names in its Server-Timing entry is its service's name, not a container id. */
    @ParameterizedTest
    @ValueSource(strings = {"auth", "users", "tasks"})
    void everyJavaServiceIsNamedAfterItsServiceAsItsHost(String name) {
        assertEquals(name, services().get(name).get("hostname"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "tasks"})
    void usersAndTasksFindAuthByItsServiceName(String name) {
        Map<String, Object> environment = environment(name);
        // As in the course: AUTH_ADDRESS is the bare service name, so auth must listen on port 80.
        assertEquals("auth", environment.get("AUTH_ADDRESS"));
        assertEquals("auth", environment.get("AUTH_SERVICE_SERVICE_HOST"));
        assertNull(environment.get("AUTH_SERVICE_SERVICE_PORT"), "no port means 80");
        assertEquals(80, port("auth"));
        assertEquals("service_healthy", map(map(services().get(name).get("depends_on")).get("auth")).get("condition"));
    }

    /**
     * Each service in its own database, as its own role (named as the database), whose password only it and the init
     * script (which creates the role) get. No service logs in as the image's superuser.
     */
    @ParameterizedTest
    @ValueSource(strings = {"auth", "users", "tasks"})
    void eachServiceUsesItsOwnDatabaseAsItsOwnRole(String name) {
        Map<String, Object> environment = environment(name);
        assertEquals("jdbc:postgresql://postgres:5432/" + name, environment.get("DB_URL"));
        assertEquals(name, environment.get("DB_USER"));
        assertEquals("postgres", environment("postgres").get("POSTGRES_USER"), "the superuser, for no service");
        String init = Repository.read("scripts/postgres-init.sql");
        assertTrue(init.contains("CREATE ROLE " + name + " LOGIN PASSWORD :'" + name + "_password';")
                && init.contains("CREATE DATABASE " + name + " OWNER " + name + ";")
                && init.contains("`cat /etc/" + name + "-db/password`"), init);
        assertTrue(init.contains("REVOKE ALL ON DATABASE users, tasks, auth FROM PUBLIC;"), init);
        assertTrue(list(services().get(name).get("secrets")).contains(
                Map.of("source", name + "-db-password", "target", "/config/variables/db.password")),
                name + " gets its password as Liberty's db.password variable");
        assertTrue(list(services().get("postgres").get("secrets")).contains(
                Map.of("source", name + "-db-password", "target", "/etc/" + name + "-db/password")),
                "the init script reads it");
        assertTrue(list(services().get("postgres").get("volumes")).contains(
                "./scripts/postgres-init.sql:/docker-entrypoint-initdb.d/10-databases.sql:ro"));
        assertEquals("service_healthy", map(map(services().get(name).get("depends_on")).get("postgres")).get("condition"));
    }

    @Test
    void authReadsItsSigningKeyFromAMountedSecret() {
        assertEquals("/run/secrets/jwt-signing-key", environment("auth").get("JWT_SIGNING_KEY_FILE"));
        assertTrue(list(services().get("auth").get("secrets")).contains("jwt-signing-key"));
        assertEquals("/run/secrets/postgres-password", environment("postgres").get("POSTGRES_PASSWORD_FILE"));
    }

    @Test
    void secretsComeFromGitIgnoredFilesNeverFromTheFileItself(@TempDir Path folder) {
        Map<String, Object> secrets = map(compose.get("secrets"));
        assertEquals(Set.of("jwt-signing-key", "postgres-password", "users-db-password", "tasks-db-password",
                "auth-db-password", "users-service-key",
                "tasks-service-key", "users-service-public-key", "tasks-service-public-key"), secrets.keySet());
        Path made = folder.resolve("secrets");
        ManifestSet.makeSecrets(made);
        secrets.forEach((name, secret) -> {
            String file = (String) map(secret).get("file");
            assertTrue(file.startsWith("./secrets/"), name + ": " + file);
            assertTrue(Files.isRegularFile(made.resolve(file.substring("./secrets/".length()))),
                    name + ": scripts/secrets.sh makes " + file);
        });
        assertTrue(Repository.read(".gitignore").lines().anyMatch("secrets/"::equals));
        assertTrue(Repository.read(".dockerignore").lines().anyMatch("secrets/"::equals));
        Pattern secretName = Pattern.compile("PASSWORD|SECRET|KEY|TOKEN");
        services().forEach((name, service) -> environment(name).forEach((variable, value) -> assertFalse(
                secretName.matcher(variable).find() && !variable.endsWith("_FILE") && !variable.endsWith("_DIR"),
                name + ": " + variable + " carries a secret in compose.yaml; mount it as a secret file")));
    }

    @Test
    void onlyUsersTasksAndTheUiArePublishedOnTheirOwnPorts() {
        assertNull(services().get("auth").get("ports"), "auth-service is internal, as in the course");
        assertNull(services().get("postgres").get("ports"));
        assertEquals(List.of(port("users") + ":" + port("users")), services().get("users").get("ports"));
        assertEquals(List.of(port("tasks") + ":" + port("tasks")), services().get("tasks").get("ports"));
        assertEquals(List.of("8090:" + port("frontend")), services().get("frontend").get("ports"));
        assertEquals(Repository.defaultHttpPort("users-service"), port("users"));
        assertEquals(Repository.defaultHttpPort("tasks-service"), port("tasks"));
    }

    /**
     * users-service takes the client's address from X-Forwarded-For only from a container on nginx's network: its
     * TRUSTED_PROXIES matches every address of that network but the gateway, through which a caller of the published
     * port arrives.
     */
    @Test
    void usersServiceTrustsTheForwardedForOfNginxsNetworkButNotItsGateway() {
        assertEquals(List.of("frontend"), list(services().get("frontend").get("networks")));
        Map<String, Object> ipam = map(map(map(compose.get("networks")).get("frontend")).get("ipam"));
        Map<String, Object> range = map(list(ipam.get("config")).get(0));
        String subnet = String.valueOf(range.get("subnet"));
        String gateway = String.valueOf(range.get("gateway"));
        assertTrue(subnet.endsWith(".0/24"), subnet);
        String prefix = subnet.substring(0, subnet.length() - "0/24".length());
        Pattern trusted = Pattern.compile(String.valueOf(environment("users").get("TRUSTED_PROXIES")));
        for (int host = 0; host < 256; host++) {
            String address = prefix + host;
            boolean aContainer = host > 0 && host < 255 && !address.equals(gateway);
            assertEquals(aContainer, trusted.matcher(address).matches(), address);
        }
        assertFalse(trusted.matcher("10.90.91.2").matches());
    }

    /**
     * Two containers reach each other only through a network they share, so the pairs that share one are exactly the
     * calls the system makes (both ways: a network does not know who calls). auth-service and PostgreSQL are on
     * internal networks only, which have no route to any other: podman forwards between its networks, but nothing on
     * them can answer a caller from another.
     */
    @Test
    void theNetworksKeepTheFrontendAwayFromAuthServiceAndTheDatabase() {
        Set<String> expected = Set.of("frontend-users", "frontend-tasks", "auth-users", "auth-tasks",
                "postgres-users", "postgres-tasks", "auth-postgres", "tasks-users");
        Set<String> sharing = new TreeSet<>();
        services().forEach((one, first) -> services().forEach((other, second) -> {
            List<String> networks = list(first.get("networks"));
            assertNotNull(networks, one + " names its networks: the default network would join it to every service");
            if (one.compareTo(other) < 0 && networks.stream().anyMatch(list(second.get("networks"))::contains)) {
                sharing.add(one + "-" + other);
            }
        }));
        assertEquals(new TreeSet<>(expected), sharing, "the services that share a network");
        Map<String, Object> networks = map(compose.get("networks"));
        for (String service : List.of("auth", "postgres")) {
            List<String> own = list(services().get(service).get("networks"));
            for (String network : own) {
                assertEquals(true, map(networks.get(network)).get("internal"), service + "'s network " + network);
            }
        }
    }

    @Test
    void theFrontendProxiesToTheServicesOnTheirPorts() {
        assertEquals("users:" + port("users"), environment("frontend").get("USERS_ADDRESS"));
        assertEquals("tasks:" + port("tasks"), environment("frontend").get("TASKS_ADDRESS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth", "users", "tasks", "frontend"})
    void healthchecksAskTheServiceOnItsOwnPort(String name) {
        List<String> test = list(map(services().get(name).get("healthcheck")).get("test"));
        assertEquals("CMD", test.get(0), "exec form: no shell needed in the image");
        Matcher url = HEALTH_URL.matcher(String.join(" ", test));
        assertTrue(url.find(), name + ": " + test);
        assertEquals(port(name), Integer.parseInt(url.group(2)), name + ": " + test);
        assertEquals(name.equals("frontend") ? "/" : "/health/ready", url.group(3));
    }

    @Test
    void everythingStartsInOrderOfHealthAndRestartsWithinItsMemoryLimit() {
        services().forEach((name, service) -> {
            Map<String, Object> dependencies = map(service.get("depends_on"));
            if (dependencies != null) {
                dependencies.forEach((dependency, condition) -> {
                    assertEquals(Map.of("condition", "service_healthy"), condition, name + " -> " + dependency);
                    assertNotNull(services().get(dependency).get("healthcheck"), dependency + " has a healthcheck");
                });
            }
            assertEquals("unless-stopped", service.get("restart"), name);
            String memory = (String) map(map(map(service.get("deploy")).get("resources")).get("limits")).get("memory");
            assertTrue(memory != null && memory.matches("\\d+M"), name + ": a memory limit in MiB");
        });
    }

    @Test
    void nginxAcceptsTheTemplateRenderedWithComposesValues(@org.junit.jupiter.api.io.TempDir Path prefix) throws Exception {
        Map<String, String> values = new java.util.HashMap<>();
        Matcher env = Pattern.compile("(\\w+)=(\\S+)").matcher(Repository.read("web-frontend/Dockerfile"));
        while (env.find()) {
            values.put(env.group(1), env.group(2));
        }
        environment("frontend").forEach((name, value) -> values.put(name, String.valueOf(value)));
        values.put("NGINX_LOCAL_RESOLVERS", "127.0.0.11"); // Docker's embedded DNS, as the image's entrypoint finds it
        values.put("WEB_ROOT", prefix.toString());
        NginxConfig.test(NginxConfig.render(values), prefix);
    }

    /**
     * The addresses that the Compose section of docs/containers.md sends a Docker user to are the ports compose.yaml
     * publishes, all of them.
     */
    @Test
    void theComposeDocsOpenExactlyThePublishedPorts() {
        Set<String> published = new TreeSet<>();
        services().forEach((name, service) -> {
            if (service.get("ports") != null) {
                list(service.get("ports")).forEach(port -> published.add(String.valueOf(port).split(":")[0]));
            }
        });
        String page = Repository.read("docs/containers.md");
        Matcher section = Pattern.compile("(?ms)^## Run it with Docker Compose$(.*?)(?=^## )").matcher(page);
        assertTrue(section.find(), "docs/containers.md has a section \"Run it with Docker Compose\"");
        Set<String> documented = new TreeSet<>();
        Matcher url = Pattern.compile("http://localhost:(\\d+)").matcher(section.group(1));
        while (url.find()) {
            documented.add(url.group(1));
        }
        assertEquals(published, documented, "the Compose section's http://localhost:<port> against compose.yaml's ports");
    }

    private int port(String name) {
        if (name.equals("frontend")) {
            Matcher port = Pattern.compile("NGINX_PORT=(\\d+)").matcher(Repository.read("web-frontend/Dockerfile"));
            assertTrue(port.find());
            return Integer.parseInt(port.group(1));
        }
        Object override = environment(name).get("HTTP_PORT");
        return override != null ? Integer.parseInt((String) override) : Repository.defaultHttpPort(JAVA_SERVICES.get(name));
    }

    private Map<String, Map<String, Object>> services() {
        return map(compose.get("services"));
    }

    private Map<String, Object> environment(String name) {
        Map<String, Object> environment = map(services().get(name).get("environment"));
        return environment == null ? Map.of() : environment;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return (Map<String, V>) value;
    }

    @SuppressWarnings("unchecked")
    private static <E> List<E> list(Object value) {
        return (List<E>) value;
    }
}
