package it.dev.kubenet.containers;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * compose.yaml driven by docker-compose, as a user runs it, on the engine that container-tests/engine.sh starts
 * (podman with Docker's API).
 */
final class Compose {

    /** Its own project name, so that a person's own "docker compose up" in this checkout is left alone. */
    static final String PROJECT = "kubenet-container-tests";
    static final List<String> SERVICES = List.of("postgres", "auth", "users", "tasks", "frontend");

    private final Shell shell;

    Compose(Map<String, String> environment) {
        this.shell = new Shell(environment);
    }

    /** docker-compose with this project's name and file; fails the test unless it exits with 0. */
    String compose(Duration deadline, String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", PROJECT, "-f", "compose.yaml"));
        command.addAll(List.of(arguments));
        return succeed(deadline, command);
    }

    /** A command of the engine itself, for what Compose does not show: health, restarts, process ids. */
    String podman(Duration deadline, String... arguments) {
        return shell.podman(deadline, arguments);
    }

    String succeed(Duration deadline, List<String> command) {
        return shell.succeed(deadline, command);
    }

    Shell.Result run(Duration deadline, List<String> command) {
        return shell.run(deadline, command);
    }

    String containerId(String service) {
        String id = compose(Duration.ofSeconds(30), "ps", "-q", service).strip();
        if (id.isEmpty()) {
            fail(service + " has no container");
        }
        return id;
    }

    /** One field of the engine's view of the service's container, e.g. {@code {{.RestartCount}}}. */
    String inspect(String service, String format) {
        return podman(Duration.ofSeconds(30), "inspect", "--format", format, containerId(service)).strip();
    }

    String health(String service) {
        return inspect(service, "{{.State.Health.Status}}");
    }

    String logs(String service) {
        return compose(Duration.ofSeconds(60), "logs", "--no-color", service);
    }

    /** Waits until each service's healthcheck passes; on time-out, fails with the log of those that did not. */
    void awaitHealthy(Duration deadline, String... services) {
        Instant end = Instant.now().plus(deadline);
        Map<String, String> states = new HashMap<>();
        while (Instant.now().isBefore(end)) {
            states.clear();
            for (String service : services) {
                String id = compose(Duration.ofSeconds(30), "ps", "-q", service).strip();
                states.put(service, id.isEmpty() ? "no container" : podman(Duration.ofSeconds(30), "inspect",
                        "--format", "{{.State.Status}}/{{.State.Health.Status}}", id).strip());
            }
            if (states.values().stream().allMatch("running/healthy"::equals)) {
                return;
            }
            Shell.sleep(Duration.ofSeconds(2));
        }
        StringBuilder report = new StringBuilder("not healthy within " + deadline + ": " + states);
        states.forEach((service, state) -> {
            if (!state.equals("running/healthy")) {
                String[] lines = run(Duration.ofSeconds(60), List.of("docker-compose", "-p", PROJECT, "-f",
                        "compose.yaml", "logs", "--no-color", "--tail", "30", service)).output().split("\n");
                report.append("\n--- ").append(service).append(", last lines of its log:\n")
                        .append(String.join("\n", lines));
            }
        });
        fail(report.toString());
    }
}
