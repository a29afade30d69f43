package dev.kubenet.deploy;

import static dev.kubenet.deploy.KubernetesObject.list;
import static dev.kubenet.deploy.KubernetesObject.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one command applies: {@code kubectl apply -f deploy/} (the files directly in deploy/, in name order) or
 * {@code kubectl apply -k deploy-patterns/…} (the overlay as kustomize renders it, in the order it prints).
 */
record ManifestSet(String name, List<Path> files, List<KubernetesObject> objects) {

    static final Path DEPLOY = Repository.path("deploy");
    static final Path PATTERNS = Repository.path("deploy-patterns");
    private static final Path RENDERED = Repository.path("deploy-checks/target/kustomize");

    static ManifestSet deployFolder() {
        List<Path> files = Manifests.filesOf(DEPLOY);
        return new ManifestSet("deploy/", files, Manifests.objectsIn(files));
    }

    /** Every folder of deploy-patterns/ with a kustomization.yaml, rendered offline by kubectl's built-in kustomize. */
    static List<ManifestSet> overlays() {
        try (Stream<Path> found = Files.walk(PATTERNS)) {
            List<Path> folders = found.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent).sorted().toList();
            List<ManifestSet> overlays = new ArrayList<>();
            for (Path folder : folders) {
                overlays.add(rendered(folder));
            }
            return overlays;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ManifestSet> all() {
        List<ManifestSet> all = new ArrayList<>();
        all.add(deployFolder());
        all.addAll(overlays());
        return all;
    }

    private static ManifestSet rendered(Path folder) throws IOException {
        String name = Repository.ROOT.relativize(folder).toString();
        Command kustomize = Command.run(Repository.ROOT, "kubectl", "kustomize", name);
        assertEquals(0, kustomize.exitCode(), "kubectl kustomize " + name + ":\n" + kustomize.output());
        Files.createDirectories(RENDERED);
        Path file = Files.writeString(RENDERED.resolve(name.replace('/', '_') + ".yaml"), kustomize.output());
        return new ManifestSet(name, List.of(file), Manifests.objectsIn(file));
    }

    List<KubernetesObject> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.kind())).toList();
    }

    Optional<KubernetesObject> find(String kind, String namespace, String objectName) {
        return objects.stream().filter(o -> kind.equals(o.kind()) && objectName.equals(o.name())
                && namespace.equals(namespaceOf(o))).findFirst();
    }

    /** Deployments and StatefulSets: whatever makes pods. */
    List<KubernetesObject> workloads() {
        return objects.stream().filter(o -> "Deployment".equals(o.kind()) || "StatefulSet".equals(o.kind())).toList();
    }

    static String namespaceOf(KubernetesObject object) {
        return (String) object.metadata().getOrDefault("namespace", "default");
    }

    static Map<String, Object> podTemplate(KubernetesObject workload) {
        return map(map(workload.fields().get("spec")).get("template"));
    }

    static Map<String, Object> podLabels(KubernetesObject workload) {
        return map(map(podTemplate(workload).get("metadata")).get("labels"));
    }

    static Map<String, Object> podSpec(KubernetesObject workload) {
        return map(podTemplate(workload).get("spec"));
    }

    static List<Map<String, Object>> containers(KubernetesObject workload) {
        return list(podSpec(workload).get("containers")).stream().map(KubernetesObject::map).toList();
    }

    /** Pods whose labels include all of the selector's: what a Service would pick. */
    List<KubernetesObject> workloadsSelectedBy(Map<String, Object> selector, String namespace) {
        return workloads().stream().filter(w -> namespaceOf(w).equals(namespace)
                && podLabels(w).entrySet().containsAll(selector.entrySet())).toList();
    }

    /** Pods a label selector (matchLabels and matchExpressions, as in a NetworkPolicy) picks. */
    List<KubernetesObject> workloadsSelectedByLabelSelector(Map<String, Object> labelSelector, String namespace) {
        return workloadsSelectedBy(map(labelSelector.get("matchLabels")), namespace).stream()
                .filter(w -> list(labelSelector.get("matchExpressions")).stream()
                        .allMatch(expression -> matches(map(expression), podLabels(w))))
                .toList();
    }

    private static boolean matches(Map<String, Object> expression, Map<String, Object> labels) {
        Object value = labels.get((String) expression.get("key"));
        List<Object> values = list(expression.get("values"));
        return switch ((String) expression.get("operator")) {
            case "In" -> values.contains(value);
            case "NotIn" -> !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown operator in " + expression);
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
