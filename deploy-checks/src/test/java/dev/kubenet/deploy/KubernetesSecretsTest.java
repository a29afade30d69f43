package dev.kubenet.deploy;

import static dev.kubenet.deploy.KubernetesObject.list;
import static dev.kubenet.deploy.KubernetesObject.map;
import static dev.kubenet.deploy.ManifestSet.namespaceOf;
import static dev.kubenet.deploy.ManifestSet.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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
 * The Secrets: every one a pod uses exists with the key it reads, and the prod overlay takes none from the
 * repository: it generates them from git-ignored files that scripts/secrets.sh makes, as Compose does.
 */
class KubernetesSecretsTest {

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

    @Test
    void prodGeneratesEverySecretItsPodsUse() {
        ManifestSet prod = ManifestSet.named(PROD);
        Map<String, Map<String, String>> generators = ManifestSet.secretGenerators(PROD);
        assertFalse(generators.isEmpty(), PROD + " has a secretGenerator");
        List<KubernetesObject> secrets = prod.ofKind("Secret");
        assertEquals(generators.keySet(), Set.copyOf(secrets.stream().map(KubernetesObject::name).toList()),
                "prod's Secrets are exactly the generated ones");
        for (KubernetesObject secret : secrets) {
            assertEquals(generators.get(secret.name()).keySet(), map(secret.fields().get("data")).keySet(),
                    secret + ": the generated keys, and only those");
            assertTrue(map(secret.fields().get("stringData")).isEmpty(), secret + ": nothing left of the demo Secret");
        }
        assertFalse(secretUses(prod).isEmpty(), "prod's pods use Secrets");
        for (SecretUse use : secretUses(prod)) {
            assertTrue(generators.containsKey(use.secret()), use.workload() + " uses " + use.secret() + ", not generated");
        }
    }

    @Test
    void noDemoValueOfDeployReachesProd() throws IOException {
        String rendered = Files.readString(ManifestSet.named(PROD).files().get(0));
        List<String> demoValues = new ArrayList<>();
        for (KubernetesObject secret : ManifestSet.deployFolder().ofKind("Secret")) {
            map(secret.fields().get("stringData")).values().forEach(value -> demoValues.add(String.valueOf(value)));
            map(secret.fields().get("data")).values().forEach(value -> demoValues.add(String.valueOf(value)));
        }
        assertFalse(demoValues.isEmpty(), "deploy/ has demo Secrets (kubectl apply -f deploy/ works as it is)");
        for (String value : demoValues) {
            String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
            assertFalse(rendered.contains(value) || rendered.contains(encoded), "a demo value of deploy/ is in " + PROD);
        }
    }

    @Test
    void theFilesProdReadsAreWhatTheScriptMakesAndGitIgnores(@TempDir Path folder) throws IOException {
        Path made = folder.resolve("secrets");
        ManifestSet.makeSecrets(made);
        Set<String> madeFiles;
        try (Stream<Path> files = Files.list(made)) {
            madeFiles = Set.copyOf(files.map(f -> f.getFileName().toString()).toList());
        }
        Set<String> read = new HashSet<>();
        ManifestSet.secretGenerators(PROD).values().forEach(files -> files.values().forEach(file -> {
            Path path = Path.of(PROD, file);
            assertEquals("secrets", path.getParent().getFileName().toString(), file + " is in the overlay's secrets/");
            read.add(path.getFileName().toString());
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
