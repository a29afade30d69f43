package it.dev.kubenet.containers;

import static it.dev.kubenet.containers.KubeObject.copy;
import static it.dev.kubenet.containers.KubeObject.kind;
import static it.dev.kubenet.containers.KubeObject.labels;
import static it.dev.kubenet.containers.KubeObject.list;
import static it.dev.kubenet.containers.KubeObject.map;
import static it.dev.kubenet.containers.KubeObject.name;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rendered manifests, changed only where podman kube play 4.3 (Debian 12's podman) does less than a cluster, or
 * does it differently. Each change is what a part of the cluster would have done; none touches what a container runs
 * as, mounts, may use or is told:
 * <ul>
 *   <li>Secret volumes are made as the kubelet makes them: a read-only folder with one file per key (or per item, at
 *       the item's path) holding the value, owned by root and the pod's {@code fsGroup}, in the volume's
 *       {@code defaultMode}; the pod gets it as a {@code hostPath} volume. kube play's own Secret volumes write the
 *       base64 text instead of the value, ignore {@code items} and {@code stringData}, and crash on a volume without
 *       {@code optional} (podman issue 16636).</li>
 *   <li>{@code fsGroup} is added to the pod's {@code supplementalGroups}, as the kubelet gives it to every container;
 *       kube play ignores it.</li>
 *   <li>StatefulSets become their pod {@code <name>-0} and its claims {@code <claim>-<name>-0}, as the StatefulSet
 *       controller names them: kube play skips StatefulSets.</li>
 *   <li>A Deployment's pods: kube play plays one and ignores {@code replicas}. The first is the Deployment played with
 *       one replica ({@code <name>-pod-0}); the Deployments named in {@code replicated} get their other replicas as
 *       Pods of the same template, {@code <name>-pod-1} and on. The others run one pod: two cores start four JVMs
 *       and PostgreSQL slowly enough.</li>
 *   <li>{@code emptyDir} volumes get their pod's name in front: kube play makes a named volume of each, so two pods
 *       with an emptyDir called {@code tmp} would share one.</li>
 *   <li>Every container port is published on a free host port: kube play 4.3 publishes each {@code containerPort} on
 *       the host under its own number (users-service's 8080 and web-frontend's 8080 would collide), where a cluster
 *       publishes nothing. The tests reach pods at their own addresses, and Services through {@link
 *       KubePlayCluster}'s stand-ins.</li>
 *   <li>Probes are taken out of the pod spec and run by the tests, from outside the pod as the kubelet runs them
 *       ({@link Pod#probes()}, {@link KubePlayCluster#awaitProbe}). kube play 4.3 ignores startup and readiness probes
 *       and turns a liveness probe into a healthcheck that runs {@code curl} inside the container (which the nginx
 *       image need not have) on the port's name unresolved ({@code localhost:http}), restarting the container when it
 *       fails: web-frontend was restarted every 30 s, and a Liberty server slower than 30 s to start, for ever.
 *       So nothing restarts a container that stops answering here.</li>
 *   <li>An environment variable from the Downward API's {@code spec.nodeName} gets the node's name as its value,
 *       as the kubelet fills it in: this machine's, where kube play runs every pod. kube play 4.3 refuses the field
 *       ("fieldPath spec.nodeName is either not valid or not supported"); {@code metadata.name} it fills itself.</li>
 *   <li>Images named in {@code images}: the stand-ins for official images that no registry here serves.</li>
 *   <li>NetworkPolicies become podman networks, which kube play knows and enforces: a pod joins a network only with
 *       the pods it may connect to or be connected from ({@link PolicyNetworks}), so a pod that the policies keep
 *       away from another cannot even open a connection to it.</li>
 * </ul>
 */
final class KubePlayTranslation {

    /** The node every pod runs on: this machine, by its host name. */
    static final String NODE_NAME = nodeName();

    /**
     * A pod as kube play creates it: its containers are called {@code <pod>-<container>}.
     *
     * @param secretFiles for each Secret volume (now a {@code hostPath}), the files in it and what each holds
     * @param probes      for each container, its probes by kind ({@code readinessProbe} …), as the manifest declares
     */
    record Pod(String name, Map<String, String> labels, Map<String, Object> spec,
            Map<String, Map<String, String>> secretFiles, Map<String, Map<String, Map<String, Object>>> probes) {

        Pod(String name, Map<String, String> labels, Map<String, Object> spec) {
            this(name, labels, spec, new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        List<Map<String, Object>> containers() {
            return list(spec, "containers");
        }

        String containerName(String container) {
            return name + "-" + container;
        }

        Map<String, Object> volume(String volumeName) {
            return list(spec, "volumes").stream().filter(volume -> volumeName.equals(volume.get("name")))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(name + " has no volume " + volumeName));
        }
    }

    /**
     * What kube play is given, and what the tests check it against.
     *
     * @param secrets each Secret's values in clear, by name
     * @param volumes  the names of every volume kube play makes for these objects: one per ConfigMap, claim and
     *                 emptyDir
     * @param networks the podman networks of each pod (its own first) and of each Service's stand-in, by name
     */
    record Translated(List<Map<String, Object>> objects, List<Pod> pods, List<Map<String, Object>> services,
            Map<String, Map<String, String>> secrets, List<String> volumes, Map<String, List<String>> networks) {

        Pod pod(String name) {
            return pods.stream().filter(pod -> pod.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no pod " + name + " in " + pods));
        }
    }

    private final Map<String, String> images;
    private final Path secretVolumes;
    private final Set<String> replicated;

    /**
     * @param images        official image name to its stand-in, e.g. {@code postgres:17.6-alpine}
     * @param secretVolumes where the files of the pods' Secret volumes are written
     * @param replicated    the Deployments that run as many pods as their {@code replicas} say; the others run one
     */
    KubePlayTranslation(Map<String, String> images, Path secretVolumes, Set<String> replicated) {
        this.images = Map.copyOf(images);
        this.secretVolumes = secretVolumes;
        this.replicated = Set.copyOf(replicated);
    }

    Translated translate(List<Map<String, Object>> rendered) {
        List<Map<String, Object>> objects = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        rendered.stream().filter(object -> "Secret".equals(kind(object)))
                .forEach(secret -> secrets.put(name(secret), values(secret)));
        List<String> volumes = new ArrayList<>();
        for (Map<String, Object> original : rendered) {
            Map<String, Object> object = copy(original);
            switch (kind(object)) {
                case "ConfigMap" -> {
                    objects.add(object);
                    volumes.add(name(object));
                }
                case "Deployment" -> {
                    int replicas = replicated.contains(name(object))
                            ? ((Number) map(object, "spec").getOrDefault("replicas", 1)).intValue() : 1;
                    map(object, "spec").put("replicas", 1);
                    Map<String, Object> template = map(object, "spec", "template");
                    Map<String, Object> untouched = copy(template);
                    // kube play names a Deployment's pods <deployment>-pod-<n>.
                    Pod pod = adapt(new Pod(name(object) + "-pod-0", labels(template), map(template, "spec")),
                            volumes, secrets);
                    pods.add(pod);
                    objects.add(object);
                    for (int replica = 1; replica < replicas; replica++) {
                        Map<String, Object> again = copy(untouched);
                        Pod another = adapt(new Pod(name(object) + "-pod-" + replica, labels(again),
                                map(again, "spec")), volumes, secrets);
                        pods.add(another);
                        objects.add(Map.of("apiVersion", "v1", "kind", "Pod", "metadata",
                                Map.of("name", another.name(), "labels", another.labels()), "spec", another.spec()));
                    }
                }
                case "StatefulSet" -> {
                    Pod pod = podOf(object, objects, volumes);
                    pods.add(adapt(pod, volumes, secrets));
                    objects.add(Map.of("apiVersion", "v1", "kind", "Pod",
                            "metadata", Map.of("name", pod.name(), "labels", pod.labels()), "spec", pod.spec()));
                }
                default -> {
                    // Services and the rest: kube play has nothing for them (see KubePlayCluster). NetworkPolicies
                    // become networks, below.
                }
            }
        }
        List<Map<String, Object>> services = rendered.stream().filter(object -> "Service".equals(kind(object)))
                .toList();
        return new Translated(objects, pods, services, secrets, volumes.stream().distinct().toList(),
                PolicyNetworks.networks(rendered, pods, services));
    }

    /** The Secret's values in clear, from {@code data} (base64) and {@code stringData}. */
    private static Map<String, String> values(Map<String, Object> secret) {
        Map<String, String> clear = new LinkedHashMap<>();
        Object data = secret.get("data");
        if (data != null) {
            map(data).forEach((key, value) -> clear.put(key,
                    new String(Base64.getDecoder().decode((String) value), StandardCharsets.UTF_8)));
        }
        Object stringData = secret.get("stringData");
        if (stringData != null) {
            map(stringData).forEach((key, value) -> clear.put(key, (String) value));
        }
        return clear;
    }

    /** The StatefulSet's first pod, with its claims added to {@code objects} as PersistentVolumeClaims. */
    private static Pod podOf(Map<String, Object> statefulSet, List<Map<String, Object>> objects,
            List<String> volumes) {
        String podName = name(statefulSet) + "-0";
        Map<String, Object> template = map(statefulSet, "spec", "template");
        Map<String, Object> spec = map(template, "spec");
        List<Map<String, Object>> podVolumes = new ArrayList<>(list(spec, "volumes"));
        for (Map<String, Object> claimTemplate : list(map(statefulSet, "spec"), "volumeClaimTemplates")) {
            String claim = name(claimTemplate) + "-" + podName;
            objects.add(Map.of("apiVersion", "v1", "kind", "PersistentVolumeClaim",
                    "metadata", Map.of("name", claim), "spec", claimTemplate.get("spec")));
            podVolumes.add(Map.of("name", name(claimTemplate), "persistentVolumeClaim", Map.of("claimName", claim)));
            volumes.add(claim);
        }
        spec.put("volumes", podVolumes);
        return new Pod(podName, labels(template), spec);
    }

    /** @param volumes where the names of the volumes kube play will make for the pod's emptyDirs are added */
    private Pod adapt(Pod pod, List<String> volumes, Map<String, Map<String, String>> secrets) {
        Map<String, Object> securityContext = pod.spec().get("securityContext") == null ? Map.of()
                : map(pod.spec(), "securityContext");
        Object fsGroup = securityContext.get("fsGroup");
        if (fsGroup != null) {
            List<Object> groups = new ArrayList<>(securityContext.get("supplementalGroups") == null ? List.of()
                    : (List<?>) securityContext.get("supplementalGroups"));
            groups.add(fsGroup);
            securityContext.put("supplementalGroups", groups);
        }
        Map<String, String> renamed = new HashMap<>();
        for (Map<String, Object> volume : list(pod.spec(), "volumes")) {
            if (volume.containsKey("secret")) {
                Path folder = secretVolumes.resolve(pod.name()).resolve((String) volume.get("name"));
                pod.secretFiles().put((String) volume.get("name"), writeSecretVolume(folder, map(volume, "secret"),
                        secrets, fsGroup == null ? 0 : ((Number) fsGroup).intValue()));
                volume.remove("secret");
                volume.put("hostPath", Map.of("path", folder.toAbsolutePath().toString(), "type", "Directory"));
            }
            if (volume.containsKey("emptyDir")) {
                String name = pod.name() + "-" + volume.get("name");
                renamed.put((String) volume.get("name"), name);
                volume.put("name", name);
                volumes.add(name);
            }
        }
        for (Map<String, Object> container : pod.containers()) {
            container.put("image", images.getOrDefault((String) container.get("image"),
                    (String) container.get("image")));
            list(container, "volumeMounts").forEach(mount ->
                    mount.computeIfPresent("name", (key, name) -> renamed.getOrDefault(name, (String) name)));
            list(container, "ports").forEach(port -> port.put("hostPort", freePort()));
            for (Map<String, Object> variable : list(container, "env")) {
                if (variable.get("valueFrom") instanceof Map<?, ?> from && from.get("fieldRef") instanceof Map<?, ?> field
                        && "spec.nodeName".equals(field.get("fieldPath"))) {
                    variable.remove("valueFrom");
                    variable.put("value", NODE_NAME);
                }
            }
            Map<String, Map<String, Object>> probes = new LinkedHashMap<>();
            for (String kind : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                Object probe = container.remove(kind);
                if (probe != null) {
                    probes.put(kind, map(probe));
                }
            }
            pod.probes().put((String) container.get("name"), probes);
        }
        return pod;
    }

    /** Writes the files of a Secret volume as the kubelet does; returns what each file holds. */
    private static Map<String, String> writeSecretVolume(Path folder, Map<String, Object> source,
            Map<String, Map<String, String>> secrets, int group) {
        String secretName = (String) source.get("secretName");
        Map<String, String> values = secrets.get(secretName);
        if (values == null) {
            throw new AssertionError("the Secret " + secretName + " is not in the manifests");
        }
        Map<String, String> files = new LinkedHashMap<>();
        if (source.get("items") == null) {
            values.keySet().forEach(key -> files.put(key, key));
        } else {
            list(source, "items").forEach(item -> files.put((String) item.get("key"), (String) item.get("path")));
        }
        int mode = ((Number) source.getOrDefault("defaultMode", 0644)).intValue();
        Map<String, String> written = new LinkedHashMap<>();
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = folder.resolve(file.getValue());
                String value = Objects.requireNonNull(values.get(file.getKey()),
                        () -> secretName + " has no key " + file.getKey());
                Files.writeString(path, value);
                Files.setAttribute(path, "unix:gid", group);
                Files.setPosixFilePermissions(path, permissions(mode));
                written.put(file.getValue(), value);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(bits[bit]);
            }
        }
        return permissions;
    }

    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
