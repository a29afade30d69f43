package dev.kubenet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Sets of Kubernetes objects: the files of deploy/ (what kubectl apply -f deploy/ applies), or an overlay rendered by kustomize. */
final class Manifests {

    private Manifests() {
    }

    /** The .yaml files directly in the folder, in the order kubectl applies them (by name); sub-folders are not read. */
    static List<Path> filesOf(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<KubernetesObject> objectsIn(Path file) {
        List<KubernetesObject> objects = new ArrayList<>();
        for (Object document : Repository.yamlDocuments(file)) {
            if (document != null) {
                objects.add(new KubernetesObject(Repository.ROOT.relativize(file.toAbsolutePath()).toString(),
                        (Map<String, Object>) document));
            }
        }
        return objects;
    }

    static List<KubernetesObject> objectsIn(List<Path> files) {
        return files.stream().flatMap(file -> objectsIn(file).stream()).toList();
    }

    /** Problems the schema validator (kubernetes-models, run with Node.js) finds in the files; empty when none. */
    static Command schemaValidation(List<Path> files) {
        List<String> command = new ArrayList<>(List.of("node", "src/test/node/validate-kubernetes.mjs"));
        files.forEach(file -> command.add(file.toAbsolutePath().toString()));
        return Command.run(Repository.path("deploy-checks"), command.toArray(String[]::new));
    }
}
