package it.dev.kubenet.containers;

import static it.dev.kubenet.containers.KubeObject.kind;
import static it.dev.kubenet.containers.KubeObject.list;
import static it.dev.kubenet.containers.KubeObject.map;
import static it.dev.kubenet.containers.KubeObject.name;
import static org.junit.jupiter.api.Assertions.fail;

import it.dev.kubenet.containers.KubePlayTranslation.Pod;
import it.dev.kubenet.containers.KubePlayTranslation.Translated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pods run by {@code podman kube play}, with the least that a cluster adds around its pods and kube play does not:
 * <ul>
 *   <li>the networks that the NetworkPolicies make of a cluster's one pod network ({@link PolicyNetworks}): each
 *       isolated from the others (netavark's {@code isolate}), with DNS (aardvark-dns answers a container the names
 *       of every network it is on), each bridge keeping its MAC address as a cluster's CNI plugin does
 *       ({@link Bridges});</li>
 *   <li>for each Service, a stand-in for kube-proxy and cluster DNS: a container on the networks of the pods that
 *       may call the Service's pods, and on theirs, that answers to the Service's DNS names ({@code <name>},
 *       {@code <name>.default}, {@code <name>.default.svc}, {@code <name>.default.svc.cluster.local}) and forwards
 *       each Service port to its target port on every pod that the Service's selector selects (nginx's stream
 *       module, container-tests/kube-play/service-proxy).</li>
 * </ul>
 * Not stood in: the ports and directions of NetworkPolicies (two pods that share a network reach each other both
 * ways, on any port), readiness probes (the tests poll each readiness endpoint themselves), memory requests (an
 * engine knows limits only), {@code fsGroup}.
 * <p>
 * Everything it makes has a name known in advance, so {@link #close()} removes it all after a failure too, and
 * {@link #startFresh} removes what a killed run left.
 */
final class KubePlayCluster implements AutoCloseable {

    private static final String PROXY_IMAGE = "localhost/kubenet-test/service-proxy";
    static final String PROXY_PREFIX = "kube-service-";
    private static final Duration COMMAND = Duration.ofMinutes(2);

    private final Shell shell = new Shell(Map.of());
    private final Path work = Path.of("target/kube-play");
    private final Map<String, Pod> running = new LinkedHashMap<>();
    private final Set<String> pods = new LinkedHashSet<>();
    private final Set<String> volumes = new LinkedHashSet<>();
    private final Set<String> proxies = new LinkedHashSet<>();
    private final Set<String> played = new LinkedHashSet<>();
    private final Set<String> networks = new LinkedHashSet<>();
    /** The networks of each pod and Service stand-in, from the translation they were last played or exposed from. */
    private final Map<String, List<String>> networksOf = new LinkedHashMap<>();

    /**
     * Removes whatever a killed run of these manifests left, then makes the networks and the Service stand-ins'
     * image.
     *
     * @param debianImage the Debian stand-in that the Service stand-ins' image is built from
     */
    void startFresh(String debianImage, Translated... manifests) {
        for (Translated translated : manifests) {
            translated.pods().forEach(pod -> pods.add(pod.name()));
            volumes.addAll(translated.volumes());
            translated.services().forEach(service -> proxies.add(PROXY_PREFIX + name(service)));
            translated.networks().values().forEach(networks::addAll);
        }
        close();
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String network : networks) {
            // Isolated: podman routes between its networks through the host unless told not to.
            shell.podman(COMMAND, "network", "create", "--opt", "isolate=true", network);
        }
        // Every time: the engine's layer cache makes it quick, and a changed Containerfile takes effect.
        shell.podman(Duration.ofMinutes(10), "build", "--build-arg", "DEBIAN_IMAGE=" + debianImage,
                "-t", PROXY_IMAGE, "container-tests/kube-play/service-proxy");
    }

    /**
     * {@code podman kube play} of each named pod's objects, with the ConfigMaps and claims it uses that are not played
     * yet: one pod at a time, as each joins networks of its own.
     */
    void play(Translated translated, String... podNames) {
        for (String podName : podNames) {
            Pod pod = translated.pod(podName);
            Set<String> uses = new LinkedHashSet<>();
            for (Map<String, Object> volume : list(pod.spec(), "volumes")) {
                if (volume.get("configMap") != null) {
                    uses.add("ConfigMap/" + map(volume, "configMap").get("name"));
                }
                if (volume.get("persistentVolumeClaim") != null) {
                    uses.add("PersistentVolumeClaim/" + map(volume, "persistentVolumeClaim").get("claimName"));
                }
            }
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Map<String, Object> object : translated.objects()) {
                String kind = kind(object);
                String key = kind + "/" + name(object);
                boolean isPod = kind.equals("Pod") && podName.equals(name(object))
                        || kind.equals("Deployment") && podName.equals(name(object) + "-pod-0");
                if (isPod || uses.contains(key) && played.add(key)) {
                    objects.add(object);
                }
            }
            Path file = work.resolve("play-" + podName + ".yaml");
            try {
                Files.writeString(file, KubeObject.dump(objects));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> command = new ArrayList<>(List.of("podman", "kube", "play"));
            List<String> podNetworks = translated.networks().get(podName);
            podNetworks.forEach(network -> command.addAll(List.of("--network", network)));
            command.add(file.toAbsolutePath().toString());
            shell.succeed(Duration.ofMinutes(3), command);
            Bridges.pin(shell, podNetworks);
            networksOf.put(podName, podNetworks);
            running.put(podName, pod);
        }
    }

    /**
     * Deletes a pod as a cluster does. The endpoints controller takes it out of its Services ({@link #exposeServices}
     * without it); meanwhile the kubelet runs each container's preStop hook, side by side, then stops the containers
     * with their stop signal, and kills what still runs when terminationGracePeriodSeconds have passed since the
     * deletion; then it removes the pod's sandbox, and with it its network.
     */
    void delete(Translated translated, String podName) {
        Instant deleted = Instant.now();
        Pod pod = running.remove(podName);
        translated.services().stream().filter(service -> selects(service, pod))
                .forEach(service -> expose(translated, service));
        Duration grace = Duration.ofSeconds(((Number) pod.spec().getOrDefault("terminationGracePeriodSeconds", 30))
                .longValue());
        List<Thread> hooks = new ArrayList<>();
        for (Map<String, Object> container : pod.containers()) {
            Object lifecycle = container.get("lifecycle");
            if (lifecycle == null || map(lifecycle).get("preStop") == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<String> hook = (List<String>) map(map(lifecycle), "preStop", "exec").get("command");
            List<String> line = new ArrayList<>(List.of("podman", "exec",
                    pod.containerName((String) container.get("name"))));
            line.addAll(hook);
            Thread thread = new Thread(() -> shell.run(grace, line), "preStop " + line.get(2));
            thread.start();
            hooks.add(thread);
        }
        for (Thread hook : hooks) {
            try {
                hook.join(Duration.between(Instant.now(), deleted.plus(grace)).toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        long left = Math.max(0, Duration.between(Instant.now(), deleted.plus(grace)).toSeconds());
        // The containers first, the pod's network last, as the kubelet stops the sandbox only after its containers:
        // "podman pod stop" would stop the infra container with them and take the network away while Liberty still
        // closes its connections, so that its peers never hear of the close and wait for their timeouts.
        List<String> stop = new ArrayList<>(List.of("podman", "stop", "--time", String.valueOf(left)));
        pod.containers().forEach(container -> stop.add(pod.containerName((String) container.get("name"))));
        shell.succeed(grace.plus(COMMAND), stop);
        shell.podman(COMMAND, "pod", "rm", "--force", podName);
    }

    void remove(String podName) {
        shell.podman(COMMAND, "pod", "rm", "--force", "--time", "10", podName);
        running.remove(podName);
    }

    /**
     * A stand-in for each Service that selects a running pod, forwarding to the pods running now. A stand-in that is
     * there already takes the new list of pods as kube-proxy does: for new connections, while the open ones go on to
     * where they went (nginx's graceful reload). One whose Service selects no running pod is removed.
     */
    void exposeServices(Translated translated) {
        translated.services().forEach(service -> expose(translated, service));
        awaitServiceNames(translated);
    }

    /**
     * Waits until every running pod resolves the name of each Service whose stand-in it shares a network with, as
     * cluster DNS knows a Service before its clients look it up: aardvark-dns learns of a new container a moment after
     * it starts. A name still unknown after the wait fails with what the pod's resolver was given.
     */
    private void awaitServiceNames(Translated translated) {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        for (Pod pod : running.values()) {
            String container = (String) pod.containers().get(0).get("name");
            for (Map<String, Object> service : translated.services()) {
                List<String> proxyNetworks = networksOf.getOrDefault(PROXY_PREFIX + name(service), List.of());
                if (running.values().stream().noneMatch(other -> selects(service, other))
                        || proxyNetworks.stream().noneMatch(networksOf.get(pod.name())::contains)) {
                    continue;
                }
                Shell.Result lookup = exec(pod, container, "getent", "hosts", name(service));
                while (lookup.exitCode() != 0 && Instant.now().isBefore(end)) {
                    Shell.sleep(Duration.ofSeconds(1));
                    lookup = exec(pod, container, "getent", "hosts", name(service));
                }
                if (lookup.exitCode() != 0) {
                    fail(pod.name() + " does not resolve the Service " + name(service) + " (" + lookup.output()
                            + "); its resolv.conf:\n" + exec(pod, container, "cat", "/etc/resolv.conf").output());
                }
            }
        }
    }

    private static boolean selects(Map<String, Object> service, Pod pod) {
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) map(service, "spec").getOrDefault("selector", Map.of());
        return !selector.isEmpty() && pod.labels().entrySet().containsAll(selector.entrySet());
    }

    private void expose(Translated translated, Map<String, Object> service) {
        String name = name(service);
        Map<String, Object> spec = map(service, "spec");
        List<Pod> selected = running.values().stream().filter(pod -> selects(service, pod)).toList();
        if (selected.isEmpty()) {
            shell.run(COMMAND, List.of("podman", "rm", "--force", "--ignore", "--time", "1", PROXY_PREFIX + name));
            return;
        }
        StringBuilder servers = new StringBuilder();
        for (Map<String, Object> port : list(spec, "ports")) {
            Object target = port.getOrDefault("targetPort", port.get("port"));
            servers.append("    upstream port_").append(port.get("port")).append(" {\n");
            // max_fails=0 and no next upstream: kube-proxy sends a connection to one pod, whether it answers or
            // not, and remembers no failure.
            for (Pod pod : selected) {
                servers.append("        server ").append(ip(pod)).append(':')
                        .append(containerPort(pod, target)).append(" max_fails=0;\n");
            }
            servers.append("    }\n    server {\n        listen ").append(port.get("port"))
                    .append(";\n        proxy_pass port_").append(port.get("port"))
                    .append(";\n        proxy_next_upstream off;\n    }\n");
        }
        Path conf = work.resolve(PROXY_PREFIX + name + ".conf");
        String config = """
                # The Service %s of the manifests, as kube-proxy would forward it.
                load_module modules/ngx_stream_module.so;
                pid /tmp/nginx.pid;
                error_log stderr notice;
                events {}
                stream {
                    # Each connection, where it went and how long it took: what a failed test reads back (serviceLog).
                    log_format forwarded '$time_iso8601 $remote_addr:$remote_port -> "$upstream_addr" $status '
                            'connect=$upstream_connect_time session=$session_time bytes=$bytes_received/$bytes_sent';
                    access_log /dev/stdout forwarded;
                %s}
                """.formatted(name, servers);
        // A running stand-in on the same networks keeps running: as kube-proxy, it changes only where its
        // Service's pods changed, and then for new connections only (a reload). A translation with other networks
        // (another pattern's policies) needs a stand-in of its own.
        List<String> proxyNetworks = translated.networks().get(PROXY_PREFIX + name);
        boolean running = proxyNetworks.equals(networksOf.get(PROXY_PREFIX + name)) && shell.run(COMMAND,
                List.of("podman", "exec", PROXY_PREFIX + name, "true")).exitCode() == 0;
        try {
            if (running && Files.exists(conf) && Files.readString(conf).equals(config)) {
                return;
            }
            Files.writeString(conf, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (running) {
            shell.podman(COMMAND, "exec", PROXY_PREFIX + name, "nginx", "-s", "reload");
            return;
        }
        shell.run(COMMAND, List.of("podman", "rm", "--force", "--ignore", "--time", "1", PROXY_PREFIX + name));
        List<String> command = new ArrayList<>(List.of("podman", "run", "--detach", "--name", PROXY_PREFIX + name));
        proxyNetworks.forEach(network -> command.addAll(List.of("--network", network)));
        networksOf.put(PROXY_PREFIX + name, proxyNetworks);
        // On every network of the container.
        for (String alias : List.of(name, name + ".default", name + ".default.svc",
                name + ".default.svc.cluster.local")) {
            command.addAll(List.of("--network-alias", alias));
        }
        command.addAll(List.of("--volume", conf.toAbsolutePath() + ":/etc/nginx/nginx.conf:ro", PROXY_IMAGE));
        shell.succeed(COMMAND, command);
        Bridges.pin(shell, proxyNetworks);
        Shell.sleep(Duration.ofSeconds(1));
        if (!shell.podman(COMMAND, "inspect", "--format", "{{.State.Running}}", PROXY_PREFIX + name).strip()
                .equals("true")) {
            fail("the stand-in for the Service " + name + " stopped:\n"
                    + shell.run(COMMAND, List.of("podman", "logs", PROXY_PREFIX + name)).output());
        }
    }

    /**
     * What the Service's stand-in logged: one line for each connection it forwarded (when it ended, from where, to
     * which pod, its status and times), and its own notices (reloads, upstream errors).
     */
    String serviceLog(String service) {
        return shell.run(COMMAND, List.of("podman", "logs", PROXY_PREFIX + service)).output();
    }

    /** The port number that a Service's target port (a number, or the name of a container port) means in the pod. */
    private static int containerPort(Pod pod, Object target) {
        if (target instanceof Number number) {
            return number.intValue();
        }
        return pod.containers().stream().flatMap(container -> list(container, "ports").stream())
                .filter(port -> target.equals(port.get("name"))).map(port -> ((Number) port.get("containerPort")))
                .findFirst().orElseThrow(() -> new AssertionError(pod.name() + " has no port named " + target))
                .intValue();
    }

    /** The pod's address on its own network, where the node and its Services' stand-ins reach it. */
    String ip(Pod pod) {
        return ipOn(pod, networksOf.get(pod.name()).get(0));
    }

    /** The pod's address on one of its networks. */
    String ipOn(Pod pod, String network) {
        String ip = shell.podman(COMMAND, "inspect", "--format",
                "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", infra(pod)).strip();
        if (ip.isEmpty()) {
            fail(pod.name() + " has no address on " + network + ": "
                    + shell.podman(COMMAND, "pod", "ps", "--filter", "name=" + pod.name()));
        }
        return ip;
    }

    /** Every address of the pod, one on each of its networks. */
    List<String> ips(Pod pod) {
        return List.of(shell.podman(COMMAND, "inspect", "--format",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", infra(pod)).strip().split(" "));
    }

    /** The networks the pod joined, as the translation it was played from says. */
    List<String> networks(Pod pod) {
        return networksOf.get(pod.name());
    }

    private String infra(Pod pod) {
        return shell.podman(COMMAND, "pod", "inspect", "--format", "{{.InfraContainerID}}", pod.name()).strip();
    }

    /** The address of a Service's stand-in on its first network; the node (this machine) reaches every network. */
    String serviceIp(String service) {
        String network = networksOf.get(PROXY_PREFIX + service).get(0);
        return shell.podman(COMMAND, "inspect", "--format",
                "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", PROXY_PREFIX + service).strip();
    }

    Shell.Result exec(Pod pod, String container, String... command) {
        List<String> line = new ArrayList<>(List.of("podman", "exec", pod.containerName(container)));
        line.addAll(List.of(command));
        return shell.run(COMMAND, line);
    }

    String inspect(Pod pod, String container, String format) {
        return shell.podman(COMMAND, "inspect", "--format", format, pod.containerName(container)).strip();
    }

    String logs(Pod pod, String container) {
        return shell.podman(COMMAND, "logs", pod.containerName(container));
    }

    /**
     * Each running container's memory use in bytes, as the engine counts it against the container's limit
     * ({@code podman stats}: "237.9MiB / 512MiB").
     */
    Map<String, Long> memoryInUse() {
        Map<String, Long> use = new LinkedHashMap<>();
        String table = shell.podman(COMMAND, "stats", "--no-stream", "--format", "{{.Name}} {{.MemUsageBytes}}");
        for (String row : table.strip().split("\n")) {
            // "name 215.3MB / 536.9MB": the usage, then the limit.
            String[] words = row.strip().split(" ");
            if (words.length >= 2 && Character.isDigit(words[1].charAt(0))) {
                use.put(words[0], KubeObject.bytes(words[1]));
            }
        }
        return use;
    }

    /**
     * Waits until the probe passes, as the kubelet runs it: an HTTP GET from outside the pod on the declared port (a
     * number or a port's name), answered with a status from 200 to 399, or a command in the container that exits
     * with 0.
     */
    void awaitProbe(Pod pod, String name, Map<String, Object> probe, Duration deadline) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        Instant end = Instant.now().plus(deadline);
        String last = "not tried";
        // The pod's address is known once kube play has returned: looked up once, not on every try.
        URI uri = null;
        if (probe.containsKey("httpGet")) {
            Map<String, Object> get = map(probe, "httpGet");
            uri = URI.create("http://" + ip(pod) + ":" + containerPort(pod, get.get("port"))
                    + get.getOrDefault("path", "/"));
        }
        while (Instant.now().isBefore(end)) {
            if (uri != null) {
                try {
                    int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status >= 200 && status < 400) {
                        return;
                    }
                    last = uri + " answered " + status;
                } catch (IOException e) {
                    last = uri + ": " + e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            } else {
                @SuppressWarnings("unchecked")
                List<String> command = (List<String>) map(probe, "exec").get("command");
                Shell.Result result = exec(pod, name, command.toArray(String[]::new));
                if (result.exitCode() == 0) {
                    return;
                }
                last = String.join(" ", command) + " exited with " + result.exitCode();
            }
            Shell.sleep(Duration.ofSeconds(2));
        }
        String log = shell.run(COMMAND, List.of("podman", "logs", "--tail", "30", pod.containerName(name))).output();
        fail(pod.containerName(name) + ": probe not passed within " + deadline + " (" + last
                + "); the end of its log:\n" + log);
    }

    /** Removes every pod, Service stand-in, volume and network, whether or not they are there. */
    @Override
    public void close() {
        List<List<String>> removals = new ArrayList<>();
        if (!pods.isEmpty()) {
            removals.add(concat(List.of("podman", "pod", "rm", "--force", "--ignore", "--time", "10"), pods));
        }
        if (!proxies.isEmpty()) {
            removals.add(concat(List.of("podman", "rm", "--force", "--ignore", "--time", "1"), proxies));
        }
        for (String volume : volumes) {
            removals.add(List.of("podman", "volume", "rm", "--force", volume));
        }
        for (String network : networks) {
            removals.add(List.of("podman", "network", "rm", "--force", network));
        }
        // Each one may find nothing to remove, which is fine; one that fails must not stop the others.
        removals.forEach(command -> shell.run(COMMAND, command));
        running.clear();
        played.clear();
        networksOf.clear();
    }

    private static List<String> concat(List<String> command, Set<String> names) {
        List<String> all = new ArrayList<>(command);
        all.addAll(names);
        return all;
    }
}
