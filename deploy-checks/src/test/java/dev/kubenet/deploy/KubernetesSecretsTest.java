package dev.kubenet.deploy;

import static dev.kubenet.deploy.KubernetesObject.list;
import static dev.kubenet.deploy.KubernetesObject.map;
import static dev.kubenet.deploy.ManifestSet.namespaceOf;
import static dev.kubenet.deploy.ManifestSet.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Secrets: every one a pod uses exists with the key it reads, and none is in the repository: deploy/ and the
 * patterns are applied after the ones scripts/secrets.sh --kubernetes makes, and dev and prod generate their own from
 * git-ignored files that the same script makes, as Compose reads them.
 */
class KubernetesSecretsTest {

    private static final String DEV = "deploy-patterns/5-dev-and-prod/dev";
    private static final String PROD = "deploy-patterns/5-dev-and-prod/prod";

    static List<ManifestSet> sets() {
        return ManifestSet.all();
    }

    /** What a pod reads from a Secret: through a volume (all its keys, or the items'), env or envFrom. */
    private record SecretUse(KubernetesObject workload, String secret, String key) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void everySecretAPodUsesExistsWithTheKeyItReads(ManifestSet set) {
        for (SecretUse use : secretUses(set)) {
            KubernetesObject secret = set.find("Secret", namespaceOf(use.workload()), use.secret())
                    .orElseThrow(() -> new AssertionError(use.workload() + " uses Secret " + use.secret()
                            + ", which " + set + " does not create"));
            if (use.key() != null) {
                assertTrue(keys(secret).contains(use.key()), use.workload() + " reads key " + use.key() + " of " + secret
                        + ", which has " + keys(secret));
            }
        }
    }

    static List<String> generatingOverlays() {
        return List.of(DEV, PROD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatingOverlays")
    void devAndProdEachGenerateEverySecretTheirPodsUse(String overlay) {
        ManifestSet set = ManifestSet.named(overlay);
        Map<String, Map<String, String>> generators = ManifestSet.secretGenerators(overlay);
        assertFalse(generators.isEmpty(), overlay + " has a secretGenerator");
        List<KubernetesObject> secrets = set.ofKind("Secret");
        assertEquals(generators.keySet(), Set.copyOf(secrets.stream().map(KubernetesObject::name).toList()),
                overlay + "'s Secrets are exactly the generated ones");
        for (KubernetesObject secret : secrets) {
            assertEquals(generators.get(secret.name()).keySet(), map(secret.fields().get("data")).keySet(),
                    secret + ": the generated keys, and only those");
        }
        assertFalse(secretUses(set).isEmpty(), overlay + "'s pods use Secrets");
        for (SecretUse use : secretUses(set)) {
            assertTrue(generators.containsKey(use.secret()), use.workload() + " uses " + use.secret() + ", not generated");
        }
    }

    /** No key or password is in git: every Secret comes from scripts/secrets.sh, directly or through a generator. */
    @Test
    void noSecretIsInTheRepository() throws IOException {
        List<Path> files = new ArrayList<>(Manifests.filesOf(ManifestSet.DEPLOY));
        try (Stream<Path> found = Files.walk(ManifestSet.PATTERNS)) {
            found.filter(path -> path.toString().endsWith(".yaml")
                    && !path.toString().matches(".*/secrets/.*")).forEach(files::add);
        }
        for (Path file : files) {
            for (KubernetesObject object : Manifests.objectsIn(file)) {
                assertFalse("Secret".equals(object.kind()), file + " holds " + object + ": make it with scripts/secrets.sh");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatingOverlays")
    void theFilesAnOverlayReadsAreWhatTheScriptMakesAndGitIgnores(String overlay, @TempDir Path folder)
            throws IOException {
        Path made = folder.resolve("secrets");
        ManifestSet.makeSecrets(made);
        Set<String> madeFiles;
        try (Stream<Path> files = Files.walk(made)) {
            madeFiles = Set.copyOf(files.filter(Files::isRegularFile).map(f -> made.relativize(f).toString()).toList());
        }
        Set<String> read = new HashSet<>();
        ManifestSet.secretGenerators(overlay).values().forEach(files -> files.values().forEach(file -> {
            assertTrue(file.startsWith("secrets/"), file + " is in the overlay's secrets/");
            read.add(file.substring("secrets/".length()));
            Path path = Path.of(overlay, file);
            Command ignored = Command.run(Repository.ROOT, "git", "check-ignore", "--quiet", "--no-index", path.toString());
            assertEquals(0, ignored.exitCode(), path + " must be git-ignored " + ignored.output());
        }));
        assertEquals(madeFiles, read, "the script makes the files the secretGenerator reads");
    }

    private static List<SecretUse> secretUses(ManifestSet set) {
        List<SecretUse> uses = new ArrayList<>();
        for (KubernetesObject workload : set.workloads()) {
            for (Object volumeEntry : list(podSpec(workload).get("volumes"))) {
                Map<String, Object> secret = map(map(volumeEntry).get("secret"));
                if (!secret.isEmpty()) {
                    String name = (String) secret.get("secretName");
                    uses.add(new SecretUse(workload, name, null));
                    list(secret.get("items")).forEach(item -> uses.add(new SecretUse(workload, name,
                            (String) map(item).get("key"))));
                }
            }
            List<Object> containers = new ArrayList<>(list(podSpec(workload).get("containers")));
            containers.addAll(list(podSpec(workload).get("initContainers")));
            for (Object container : containers) {
                for (Object env : list(map(container).get("env"))) {
                    Map<String, Object> reference = map(map(map(env).get("valueFrom")).get("secretKeyRef"));
                    if (!reference.isEmpty()) {
                        uses.add(new SecretUse(workload, (String) reference.get("name"), (String) reference.get("key")));
                    }
                }
                for (Object envFrom : list(map(container).get("envFrom"))) {
                    Map<String, Object> reference = map(map(envFrom).get("secretRef"));
                    if (!reference.isEmpty()) {
                        uses.add(new SecretUse(workload, (String) reference.get("name"), null));
                    }
                }
            }
        }
        return uses;
    }

    static Set<String> keys(KubernetesObject secret) {
        Set<String> keys = new HashSet<>(map(secret.fields().get("data")).keySet());
        keys.addAll(map(secret.fields().get("stringData")).keySet());
        return keys;
    }
}
