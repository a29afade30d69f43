package dev.kubenet.deploy;

import static dev.kubenet.deploy.KubernetesObject.list;
import static dev.kubenet.deploy.KubernetesObject.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What one command applies: {@code kubectl apply -f deploy/} (the files directly in deploy/, in name order) or
 * {@code kubectl apply -k deploy-patterns/…} (the overlay as kustomize renders it, in the order it prints).
 */
record ManifestSet(String name, List<Path> files, List<KubernetesObject> objects) {

    private static final String PREFIX = System.getProperty("image.prefix");
    private static final String TAG = System.getProperty("image.tag");
    static final Path DEPLOY = Repository.path("deploy");
    static final Path PATTERNS = Repository.path("deploy-patterns");
    private static final Path RENDERED = Repository.path("deploy-checks/target/kustomize");
    /** What the overlays are rendered from: a copy of deploy/ and deploy-patterns/ (see {@link #all()}). */
    private static final Path SOURCES = RENDERED.resolve("sources");

    private static List<ManifestSet> all;
    private static boolean scriptRan;

    /** deploy/, after the Secrets that the README has a user apply first: scripts/secrets.sh --kubernetes. */
    static ManifestSet deployFolder() {
        List<Path> files = new ArrayList<>();
        files.add(secretsFromTheScript());
        files.addAll(Manifests.filesOf(DEPLOY));
        return new ManifestSet("deploy/", files, Manifests.objectsIn(files));
    }

    /**
     * What {@code scripts/secrets.sh --kubernetes | kubectl apply -f -} applies, made once into a file, from secrets
     * of a folder of its own (none of this checkout's).
     */
    static synchronized Path secretsFromTheScript() {
        Path file = RENDERED.resolve("00-secrets-from-the-script.yaml");
        // Made again in each run: the script may make other Secrets than when an earlier build wrote the file.
        if (!scriptRan) {
            scriptRan = true;
            // Its stdout alone: what it says of the files it makes goes to stderr.
            Command script = Command.run(Repository.ROOT, "bash", "-c",
                    "bash scripts/secrets.sh --kubernetes \"$0\" 2>/dev/null", RENDERED.resolve("script-secrets").toString());
            assertEquals(0, script.exitCode(), "scripts/secrets.sh --kubernetes:\n" + script.output());
            try {
                Files.createDirectories(RENDERED);
                Files.writeString(file, script.output());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /**
     * deploy/ and every folder of deploy-patterns/ with a kustomization.yaml, rendered once, offline, by kubectl's
     * built-in kustomize. It renders a copy without any secrets/ folder, whose secret files are made as a user makes
     * them, by scripts/secrets.sh: no check reads the secrets of this checkout, and none needs them.
     */
    static synchronized List<ManifestSet> all() {
        if (all == null) {
            List<ManifestSet> sets = new ArrayList<>();
            sets.add(deployFolder());
            if (!kubectlInstalled()) {
                // The one place that needs kubectl, which no package registry of these machines has in a current
                // version: without it the checks run on deploy/ alone, and say so once. CI has it (.ci/run).
                System.out.println("[NOT RUN] deploy-patterns/: kubectl is not installed, so its overlays are neither "
                        + "rendered nor checked (the checks of deploy/ run)");
                all = List.copyOf(sets);
                return all;
            }
            try {
                copySourcesWithoutSecrets();
                for (Path folder : secretFolders()) {
                    makeSecrets(folder);
                }
                try (Stream<Path> found = Files.walk(SOURCES.resolve("deploy-patterns"))) {
                    for (Path kustomization : found.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                            .sorted().toList()) {
                        sets.add(rendered(SOURCES.relativize(kustomization.getParent()).toString()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            all = List.copyOf(sets);
        }
        return all;
    }

    /** The overlays of deploy-patterns/; the test that asks is skipped where kubectl cannot render them. */
    static List<ManifestSet> overlays() {
        Assumptions.assumeTrue(kubectlInstalled(), "kubectl is not installed: deploy-patterns/ is not rendered");
        return all().subList(1, all().size());
    }

    private static boolean kubectlInstalled() {
        return Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, "kubectl")));
    }

    static ManifestSet named(String name) {
        if (name.startsWith("deploy-patterns/")) {
            Assumptions.assumeTrue(kubectlInstalled(), "kubectl is not installed: " + name + " is not rendered");
        }
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no manifest set " + name));
    }

    /** Writes the secret files into the folder, as deploy-patterns/README.md says: scripts/secrets.sh FOLDER. */
    static void makeSecrets(Path folder) {
        Command script = Command.run(Repository.ROOT, "bash", "scripts/secrets.sh", folder.toString());
        assertEquals(0, script.exitCode(), "scripts/secrets.sh " + folder + ":\n" + script.output());
    }

    /** The secretGenerator entries of an overlay's kustomization: Secret name -> (key -> file, relative to it). */
    static Map<String, Map<String, String>> secretGenerators(String overlay) {
        Map<String, Map<String, String>> generators = new LinkedHashMap<>();
        for (Object entry : list(Repository.yaml(overlay + "/kustomization.yaml").get("secretGenerator"))) {
            Map<String, String> files = new LinkedHashMap<>();
            for (Object file : list(map(entry).get("files"))) {
                String[] keyAndPath = ((String) file).split("=", 2);
                assertEquals(2, keyAndPath.length, overlay + ": name each key of a generated Secret: " + file);
                files.put(keyAndPath[0], keyAndPath[1]);
            }
            generators.put((String) map(entry).get("name"), files);
        }
        return generators;
    }

    private static void copySourcesWithoutSecrets() throws IOException {
        if (Files.exists(SOURCES)) {
            try (Stream<Path> old = Files.walk(SOURCES)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (Path tree : List.of(DEPLOY, PATTERNS)) {
            try (Stream<Path> found = Files.walk(tree)) {
                for (Path path : found.filter(p -> !Repository.ROOT.relativize(p).toString().matches("(.*/)?secrets(/.*)?"))
                        .toList()) {
                    Path copy = SOURCES.resolve(Repository.ROOT.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(path, copy);
                    }
                }
            }
        }
    }

    /** The folders (in the copy) that the overlays' secretGenerators read their files from. */
    private static List<Path> secretFolders() throws IOException {
        try (Stream<Path> found = Files.walk(PATTERNS)) {
            List<Path> folders = new ArrayList<>();
            for (Path kustomization : found.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList()) {
                String overlay = Repository.ROOT.relativize(kustomization.getParent()).toString();
                secretGenerators(overlay).values().forEach(files -> files.values().forEach(file -> {
                    Path folder = SOURCES.resolve(overlay).resolve(file).getParent();
                    if (!folders.contains(folder)) {
                        folders.add(folder);
                    }
                }));
            }
            return folders;
        }
    }

    private static ManifestSet rendered(String name) throws IOException {
        Command kustomize = Command.run(SOURCES, "kubectl", "kustomize", name);
        assertEquals(0, kustomize.exitCode(), "kubectl kustomize " + name + ":\n" + kustomize.output());
        Path file = Files.writeString(RENDERED.resolve(name.replace('/', '_') + ".yaml"), kustomize.output());
        List<KubernetesObject> objects = Manifests.objectsIn(file);
        if (objects.stream().noneMatch(object -> "Secret".equals(object.kind()))) {
            // An overlay that generates no Secret of its own is applied after scripts/secrets.sh's, as deploy/ is.
            List<Path> files = List.of(secretsFromTheScript(), file);
            return new ManifestSet(name, files, Manifests.objectsIn(files));
        }
        return new ManifestSet(name, List.of(file), objects);
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

    static Map<String, Object> environment(Map<String, Object> container) {
        Map<String, Object> environment = new LinkedHashMap<>();
        for (Object entry : list(container.get("env"))) {
            environment.put((String) map(entry).get("name"), map(entry).get("value"));
        }
        return environment;
    }

    /** The repository folder an image is built from: kubenet-liberty/users-service:1.0.0 -> users-service. */
    static String folderOf(String image) {
        if (!image.startsWith(PREFIX + "/")) {
            return image;
        }
        assertTrue(image.endsWith(":" + TAG), image + " is tagged " + TAG + " as in the root pom.xml");
        return image.substring(PREFIX.length() + 1, image.length() - TAG.length() - 1);
    }

    /**
     * The pods a workload runs at most: its replicas, plus, while a Deployment's rolling update runs, its maxSurge
     * (25 % unless it says otherwise, rounded up). A StatefulSet replaces its pods, never adds one.
     */
    static int maxPods(KubernetesObject workload) {
        Map<String, Object> spec = map(workload.fields().get("spec"));
        int replicas = (Integer) spec.getOrDefault("replicas", 1);
        Map<String, Object> strategy = map(spec.get("strategy"));
        if (!"Deployment".equals(workload.kind()) || "Recreate".equals(strategy.get("type"))) {
            return replicas;
        }
        Object surge = map(strategy.get("rollingUpdate")).getOrDefault("maxSurge", "25%");
        return replicas + (surge instanceof Integer pods ? pods
                : (int) Math.ceil(replicas * Double.parseDouble(surge.toString().replace("%", "")) / 100));
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
