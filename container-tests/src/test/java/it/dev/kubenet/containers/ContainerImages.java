package it.dev.kubenet.containers;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every container test needs first, done once per test run: the engine (container-tests/engine.sh: podman,
 * serving Docker's API, and its healthcheck driver), the stand-ins for the official base images, which no registry
 * here serves (built once per machine), the secrets (scripts/secrets.sh), and the project's four images,
 * built by {@code docker-compose build} as the README says, with the stand-ins passed in the variables compose.yaml
 * reads. Compose then runs them, and so does {@code podman kube play}.
 */
final class ContainerImages {

    /** Long enough for a first build that downloads every Maven dependency into an empty image layer. */
    private static final Duration BUILD = Duration.ofMinutes(30);

    private static Map<String, String> environment;

    private ContainerImages() {
    }

    /** The environment for docker-compose: the engine's socket and the stand-ins' names. */
    static synchronized Map<String, String> built() {
        if (environment == null) {
            environment = build();
        }
        return environment;
    }

    private static Map<String, String> build() {
        Shell shell = new Shell(Map.of());
        Instant start = Instant.now();
        shell.succeed(Duration.ofMinutes(5), List.of("bash", "container-tests/engine.sh", "start"));
        shell.succeed(BUILD, List.of("bash", "container-tests/base-images/build.sh"));
        // For CI's time: measured, not asserted (the stand-ins are built once per machine).
        System.out.println("The engine and the base images' stand-ins ready in "
                + Duration.between(start, Instant.now()).toSeconds() + " s");
        Map<String, String> result = new HashMap<>();
        result.put("DOCKER_HOST", "unix:///run/kubenet-podman/podman.sock");
        // "export BUILD_IMAGE=… LIBERTY_IMAGE=… …": the stand-ins' names, for compose.yaml's variables.
        String exports = shell.succeed(Duration.ofSeconds(30),
                List.of("bash", "container-tests/base-images/build.sh", "--env")).strip();
        for (String assignment : exports.replaceFirst("^export ", "").split(" ")) {
            String[] pair = assignment.split("=", 2);
            result.put(pair[0], pair[1]);
        }
        shell.succeed(Duration.ofSeconds(30), List.of("bash", "scripts/secrets.sh"));
        Instant images = Instant.now();
        new Compose(result).compose(BUILD, "build");
        System.out.println("docker-compose build of the four images: "
                + Duration.between(images, Instant.now()).toSeconds() + " s");
        return Map.copyOf(result);
    }
}
