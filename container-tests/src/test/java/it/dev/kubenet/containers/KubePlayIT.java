package it.dev.kubenet.containers;

import static io.restassured.RestAssured.given;
import static java.util.stream.Collectors.toSet;
import static it.dev.kubenet.containers.KubeObject.list;
import static it.dev.kubenet.containers.KubeObject.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.ServerTimingEntry;
import io.restassured.http.ContentType;
import io.restassured.http.Headers;
import it.dev.kubenet.containers.KubePlayTranslation.Pod;
import it.dev.kubenet.containers.KubePlayTranslation.Translated;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pods of {@code deploy/} as {@code kubectl apply -f deploy/} would create them, run by a real engine: podman's
 * {@code kube play}, with the images built here. What kube play does differently from a cluster, and what the test
 * therefore adds or changes, is in {@link KubePlayTranslation} and {@link KubePlayCluster}; docs/containers.md
 * says what this does and does not show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubePlayIT {

    /** Pods start together on two cores: four JVMs and PostgreSQL. */
    private static final Duration READY = Duration.ofMinutes(5);

    private static KubePlayCluster cluster;
    private static Translated deploy;
    private static Translated onePod;
    private static String email;
    private static String password;

    @BeforeAll
    static void play() {
        Map<String, String> environment = ContainerImages.built();
        // As the README applies them: the Secrets scripts/secrets.sh makes, then deploy/ (or the overlay).
        List<Map<String, Object>> secretObjects = KubeObject.secretsFromTheScript();
        List<Map<String, Object>> rendered = new ArrayList<>(secretObjects);
        rendered.addAll(KubeObject.render("deploy"));
        List<Map<String, Object>> onePodRendered = new ArrayList<>(secretObjects);
        onePodRendered.addAll(KubeObject.render("deploy-patterns/1-one-pod-localhost"));
        Map<String, String> standIns = Map.of(postgresImage(rendered), environment.get("POSTGRES_IMAGE"));
        Path secrets = Path.of("target/kube-play/secret-volumes");
        // Two pods of web-frontend and of tasks-service, as deploy/ asks, to delete one under load; one of the other
        // Deployments (see KubePlayTranslation).
        deploy = new KubePlayTranslation(standIns, secrets.resolve("deploy"), Set.of("web-frontend", "tasks-service"))
                .translate(rendered);
        onePod = new KubePlayTranslation(standIns, secrets.resolve("one-pod"), Set.of()).translate(onePodRendered);
        cluster = new KubePlayCluster();
        cluster.startFresh(environment.get("DEBIAN_IMAGE"), deploy, onePod);
        Instant start = Instant.now();
        cluster.play(deploy, deploy.pods().stream().map(Pod::name).toArray(String[]::new));
        cluster.exposeServices(deploy);
        for (Pod pod : deploy.pods()) {
            awaitReady(pod);
        }
        // For BENCHMARKS.md: measured, not asserted.
        System.out.println("From podman kube play to every pod ready: "
                + Duration.between(start, Instant.now()).toSeconds() + " s");
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String postgresImage(List<Map<String, Object>> rendered) {
        return KubeObject.ofKind(rendered, "StatefulSet").stream()
                .flatMap(set -> list(map(set, "spec", "template", "spec"), "containers").stream())
                .map(container -> (String) container.get("image")).filter(image -> image.startsWith("postgres:"))
                .findFirst().orElseThrow();
    }

    private static void awaitReady(Pod pod) {
        pod.probes().forEach((container, probes) -> {
            if (probes.containsKey("readinessProbe")) {
                cluster.awaitProbe(pod, container, probes.get("readinessProbe"), READY);
            }
        });
    }

    /**
     * Every pod of deploy/ is there, passed its readiness probe (in {@link #play()}), and passes its liveness probe
     * and startup probe (the Liberty servers and PostgreSQL have one); every container has a readiness and a liveness
     * probe.
     */
    @Test
    @Order(1)
    void everyDeploymentAndTheStatefulSetRunsAPodThatPassesItsProbes() {
        assertEquals(Set.of("auth-service-pod-0", "users-service-pod-0", "tasks-service-pod-0", "tasks-service-pod-1",
                "web-frontend-pod-0", "web-frontend-pod-1", "postgres-0"),
                deploy.pods().stream().map(Pod::name).collect(toSet()));
        List<Executable> checks = new ArrayList<>();
        for (Pod pod : deploy.pods()) {
            pod.probes().forEach((container, probes) -> {
                checks.add(() -> assertTrue(probes.keySet().containsAll(Set.of("readinessProbe", "livenessProbe")),
                        pod.containerName(container) + ": its probes are " + probes.keySet()));
                probes.forEach((kind, probe) -> checks.add(() ->
                        cluster.awaitProbe(pod, container, probe, Duration.ofSeconds(30))));
            });
        }
        assertAll(checks);
    }

    /**
     * As each pod spec says: its user, a root file system that cannot be written, its emptyDirs writable, its Secrets
     * mounted with their values and read-only, its memory limit applied.
     */
    @Test
    @Order(2)
    void everyContainerRunsAsItsPodSpecSays() {
        List<Executable> checks = new ArrayList<>();
        for (Pod pod : deploy.pods()) {
            for (Map<String, Object> container : pod.containers()) {
                String name = (String) container.get("name");
                String where = pod.containerName(name);
                checks.add(() -> assertEquals(String.valueOf(runAsUser(pod, container)),
                        cluster.exec(pod, name, "id", "-u").output().strip(), where + ": the user"));
                checks.add(() -> assertEquals("true", cluster.inspect(pod, name, "{{.HostConfig.ReadonlyRootfs}}"),
                        where + ": a read-only root file system"));
                checks.add(() -> assertTrue(cluster.exec(pod, name, "sh", "-c", "echo > /kube-play-check")
                        .output().contains("Read-only file system"), where + ": wrote into its image"));
                checks.add(() -> assertEquals(KubeObject.bytes((String) map(container, "resources", "limits")
                        .get("memory")), Long.parseLong(cluster.inspect(pod, name, "{{.HostConfig.Memory}}")),
                        where + ": the memory limit"));
                for (Map<String, Object> mount : list(container, "volumeMounts")) {
                    Map<String, Object> volume = pod.volume((String) mount.get("name"));
                    String path = (String) mount.get("mountPath");
                    if (volume.containsKey("emptyDir")) {
                        checks.add(() -> assertEquals(0, cluster.exec(pod, name, "sh", "-c",
                                "echo > " + path + "/kube-play-check && rm " + path + "/kube-play-check")
                                .exitCode(), where + ": cannot write into its emptyDir " + path));
                    }
                    Map<String, String> secretFiles = pod.secretFiles().get((String) mount.get("name"));
                    if (secretFiles != null) {
                        secretFiles.forEach((file, value) -> checks.add(() -> assertTrue(
                                value.equals(cluster.exec(pod, name, "cat", path + "/" + file).output()),
                                where + ": " + path + "/" + file + " cannot be read or does not hold its Secret's value")));
                        checks.add(() -> assertTrue(cluster.exec(pod, name, "sh", "-c", "echo > " + path + "/x")
                                .exitCode() != 0, where + ": could write into the Secret volume " + path));
                    }
                }
            }
        }
        assertAll(checks);
    }

    private static long runAsUser(Pod pod, Map<String, Object> container) {
        Object own = container.get("securityContext") == null ? null
                : map(container, "securityContext").get("runAsUser");
        return ((Number) (own != null ? own : map(pod.spec(), "securityContext").get("runAsUser"))).longValue();
    }

    /**
     * A user's journey through the LoadBalancer Service of web-frontend: nginx finds users-service and tasks-service
     * by their cluster DNS names, and both find auth-service by its Service's name, at the Service's port 80. The
     * answer's Server-Timing names the pod and the node that served it, as the Downward API gave them.
     */
    @Test
    @Order(3)
    void signUpLogInAddAndListTasksThroughTheFrontendService() {
        String ui = "http://" + cluster.serviceIp("web-frontend");
        email = "kube-" + UUID.randomUUID() + "@example.com";
        password = "pw " + UUID.randomUUID();
        given().baseUri(ui).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/users/signup")
                .then().log().ifValidationFails().statusCode(201).body("email", equalTo(email));
        String token = given().baseUri(ui).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).when().post("/api/users/login")
                .then().log().ifValidationFails().statusCode(200).extract().path("token");
        given().baseUri(ui).header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("title", "Run the pods", "text", "under podman kube play"))
                .when().post("/api/tasks").then().log().ifValidationFails().statusCode(201);
        Headers listed = given().baseUri(ui).header("Authorization", "Bearer " + token).when().get("/api/tasks")
                .then().log().ifValidationFails().statusCode(200).body("tasks.title", contains("Run the pods"))
                .extract().headers();
        String hops = listed.getValues("Server-Timing").toString();
        // The pod's and the node's names, from the Downward API in the manifest.
        assertTrue(hops.contains("tasks-service;") && hops.matches(
                ".*desc=\"host=tasks-service-pod-[01] node=" + Pattern.quote(KubePlayTranslation.NODE_NAME) + "\".*"),
                "Server-Timing does not name tasks-service's pod and node: " + hops);
        // Either of web-frontend's pods may have served it.
        NginxTrace.loggedByNginx(listed, "GET /api/tasks",
                () -> cluster.logs(deploy.pod("web-frontend-pod-0"), "web-frontend")
                        + cluster.logs(deploy.pod("web-frontend-pod-1"), "web-frontend"));
        assertTrue(cluster.logs(deploy.pod("users-service-pod-0"), "users-service")
                .contains("auth-service address: http://auth-service.default (from AUTH_ADDRESS)"),
                "users-service's log does not say it found auth-service by its Service's name");
    }

    /** After the journey, each container uses no more memory than it requests, and so no more than its limit. */
    @Test
    @Order(4)
    void afterTheJourneyEveryContainerUsesLessMemoryThanItRequests() {
        Map<String, Long> inUse = cluster.memoryInUse();
        // For BENCHMARKS.md.
        inUse.forEach((container, bytes) -> System.out.printf("%s: %d MiB%n", container, bytes >> 20));
        List<Executable> checks = new ArrayList<>();
        for (Pod pod : deploy.pods()) {
            for (Map<String, Object> container : pod.containers()) {
                String name = pod.containerName((String) container.get("name"));
                long requested = KubeObject.bytes((String) map(container, "resources", "requests").get("memory"));
                checks.add(() -> assertTrue(inUse.containsKey(name), name + " is not running"));
                checks.add(() -> assertTrue(inUse.getOrDefault(name, 0L) <= requested, name + " uses "
                        + (inUse.getOrDefault(name, 0L) >> 20) + " MiB, more than the " + (requested >> 20)
                        + " MiB it requests"));
            }
        }
        assertAll(checks);
    }

    /** A process in tasks-service's pod reaches auth-service through its Service, but cannot act as users-service. */
    @Test
    @Order(4)
    void aProcessInAnotherPodCannotGetTokensOrHashesFromAuthService() {
        Pod tasks = deploy.pod("tasks-service-pod-0");
        for (List<String> attack : AuthServiceAttacks.commands("http://auth-service.default",
                UUID.randomUUID().toString())) {
            AuthServiceAttacks.assertRefused(attack, cluster.exec(tasks, "tasks-service", attack.toArray(String[]::new)));
        }
    }

    /**
     * The network on its own, whatever a caller proves (that is {@link
     * #aProcessInAnotherPodCannotGetTokensOrHashesFromAuthService}): the NetworkPolicies give web-frontend no way to
     * auth-service or PostgreSQL, and tasks-service none to users-service (public, but not for tasks-service's
     * egress). So in the caller's pod the Service's name does not resolve, and every address of the pod behind it
     * times out: the engine drops the packets, as a network plugin that enforces the policies does.
     */
    @ParameterizedTest(name = "{1} cannot connect to {2}")
    @CsvSource({
            "web-frontend-pod-0,  web-frontend,  auth-service,  auth-service-pod-0,  8070",
            "web-frontend-pod-0,  web-frontend,  postgres,      postgres-0,          5432",
            "tasks-service-pod-0, tasks-service, users-service, users-service-pod-0, 8080",
    })
    @Order(4)
    void aRouteTheNetworkPoliciesDoNotAllowCannotBeOpened(String from, String container, String service, String to,
            int port) {
        Pod caller = deploy.pod(from);
        Pod callee = deploy.pod(to);
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals("no such name", connect(caller, container,
                service + ".default.svc.cluster.local", port), from + " resolves " + service));
        for (String ip : cluster.ips(callee)) {
            checks.add(() -> assertEquals("timed out", connect(caller, container, ip, port), from + " -> " + to
                    + " at " + ip + ":" + port + " (networks " + cluster.networks(caller) + " and "
                    + cluster.networks(callee) + ")"));
        }
        assertAll(checks);
    }

    /** The controls: the same attempts on the routes the policies allow connect, so the tests above are not vacuous. */
    @Test
    @Order(4)
    void theAllowedRoutesConnect() {
        Pod users = deploy.pod("users-service-pod-0");
        Pod auth = deploy.pod("auth-service-pod-0");
        String shared = cluster.networks(users).stream().filter(cluster.networks(auth)::contains).findFirst()
                .orElseThrow(() -> new AssertionError("users-service's and auth-service's pods share no network"));
        assertAll(
                () -> assertEquals("connected", connect(users, "users-service", "auth-service.default", 80)),
                () -> assertEquals("connected", connect(users, "users-service", "postgres", 5432)),
                () -> assertEquals("connected", connect(users, "users-service", cluster.ipOn(auth, shared), 8070)),
                () -> assertEquals("connected", connect(deploy.pod("web-frontend-pod-0"), "web-frontend",
                        "users-service.default.svc.cluster.local", 8080)));
    }

    /**
     * How one attempt to open a connection from inside the container ended: {@code connected}, {@code no such name},
     * {@code timed out} (3 s), or what the tool said. web-frontend's image has wget, the Liberty images curl.
     */
    private static String connect(Pod pod, String container, String host, int port) {
        String url = "http://" + host + ":" + port + "/";
        String output = (container.equals("web-frontend")
                ? cluster.exec(pod, container, "wget", "-T", "3", "-t", "1", "-O", "/dev/null", url)
                : cluster.exec(pod, container, "curl", "-sS", "-v", "--connect-timeout", "3", "--max-time", "5", "-o",
                        "/dev/null", url)).output();
        if (output.contains("connected.") || output.contains("Connected to")) {
            return "connected";
        }
        if (output.contains("unable to resolve host address") || output.contains("Could not resolve host")) {
            return "no such name";
        }
        if (output.contains("Connection timed out") || output.contains("Timeout was reached")) {
            return "timed out";
        }
        return output.strip();
    }

    /**
     * deploy-patterns/1-one-pod-localhost: users-service's pod of that pattern, with auth-service as a second
     * container, in place of deploy/'s. users-service finds auth-service at localhost, and signup and login work
     * through the pod's published port.
     */
    @Test
    @Order(6)
    void onePodPatternUsersServiceReachesAuthServiceOverLocalhost() {
        Pod pod = onePod.pod("users-service-pod-0");
        cluster.remove(pod.name());
        cluster.play(onePod, pod.name());
        cluster.exposeServices(onePod);
        awaitReady(pod);
        assertEquals(List.of("users-service", "auth-service"),
                pod.containers().stream().map(container -> container.get("name")).toList());
        assertTrue(cluster.logs(pod, "users-service")
                .contains("auth-service address: http://localhost:8070 (from AUTH_ADDRESS)"),
                "users-service's log does not say it found auth-service at localhost");

        int published = pod.containers().stream().filter(container -> container.get("name").equals("users-service"))
                .flatMap(container -> list(container, "ports").stream())
                .map(port -> ((Number) port.get("hostPort")).intValue()).findFirst().orElseThrow();
        String users = "http://localhost:" + published;
        String newcomer = "one-pod-" + UUID.randomUUID() + "@example.com";
        given().baseUri(users).contentType(ContentType.JSON).body(Map.of("email", newcomer, "password", password))
                .when().post("/signup").then().log().ifValidationFails().statusCode(201);
        List<String> hops = given().baseUri(users).contentType(ContentType.JSON)
                .body(Map.of("email", newcomer, "password", password)).when().post("/login")
                .then().log().ifValidationFails().statusCode(200).extract().headers().getValues("Server-Timing");
        // What the UI's panel would show of this login: the call to auth-service went to localhost, inside the pod.
        List<ServerTimingEntry> entries = ServerTimingEntry.parse(hops);
        assertEquals(List.of("users-service", "auth-service"), entries.stream().map(ServerTimingEntry::name).toList(),
                entries.toString());
        assertEquals("http://localhost:8070", entries.get(1).description().get("address"), entries.toString());
        assertEquals("AUTH_ADDRESS", entries.get(1).description().get("from"), entries.toString());
        // The account made through deploy/'s pods is in the same database.
        given().baseUri(users).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/login").then().log().ifValidationFails().statusCode(200);
    }

    /**
     * One of web-frontend's two pods deleted, as a rollout or a drain deletes it, while users write and read through
     * the LoadBalancer Service: it leaves the Service, pauses in preStop, and nginx finishes what it was doing on
     * SIGQUIT, so no request fails and every write answered 201 is kept.
     */
    @Test
    @Order(5)
    void deletingOneOfTwoFrontendPodsUnderLoadFailsNoRequest() {
        StopUnderLoad.Outcome outcome = deleteUnderLoad("web-frontend-pod-1");
        assertEquals(List.of(), outcome.failures(), () -> outcome.summary() + "\nThe stand-in for web-frontend's "
                + "Service, slow or failed connections only:\n" + slowOrFailed(cluster.serviceLog("web-frontend")));
    }

    /**
     * One of tasks-service's two pods deleted under load: its Service stops sending it new connections, and the
     * connections open to it are answered until Liberty, told to stop after the preStop pause, closes them. Every
     * write answered 201 is kept. A request that meets a connection just as Liberty closes it fails, as the
     * documented 503 "try again in a moment", and only while the pod stops.
     */
    @Test
    @Order(5)
    void deletingOneOfTwoTasksServicePodsUnderLoadLosesNoAcknowledgedWrite() {
        StopUnderLoad.assertFailedOnlyAsDocumented(deleteUnderLoad("tasks-service-pod-1"), Duration.ofSeconds(5));
    }

    /** The lines of a Service stand-in's log other than those of connections that took less than a second. */
    private static String slowOrFailed(String log) {
        Pattern quick = Pattern.compile(".* 200 connect=\\S+ session=0\\.\\d+ .*");
        return log.lines().filter(line -> !quick.matcher(line).matches()).collect(Collectors.joining("\n"));
    }

    /** Deletes the pod while four clients write and read, and checks that every acknowledged write is kept. */
    private static StopUnderLoad.Outcome deleteUnderLoad(String podName) {
        String ui = "http://" + cluster.serviceIp("web-frontend");
        String token = given().baseUri(ui).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).when().post("/api/users/login")
                .then().log().ifValidationFails().statusCode(200).extract().path("token");
        StopUnderLoad load = new StopUnderLoad(ui, token);
        StopUnderLoad.Outcome outcome = load.run(() -> cluster.delete(deploy, podName));
        load.assertNoAcknowledgedWriteLost(outcome);
        return outcome;
    }
}
