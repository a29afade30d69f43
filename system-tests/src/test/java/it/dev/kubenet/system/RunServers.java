package it.dev.kubenet.system;

import dev.kubenet.common.testing.LibertyServer;
import java.util.HashMap;
import java.util.Map;

/** The Liberty servers that ./run.sh started, with the environment run.sh gives each, for tests that restart them. */
final class RunServers {

    private RunServers() {
    }

    static LibertyServer auth() {
        return auth(Map.of());
    }

    /** @param changed environment that replaces run.sh's, such as another key */
    static LibertyServer auth(Map<String, String> changed) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "JWT_SIGNING_KEY_FILE", RunningSystem.SECRETS.resolve("jwt-signing-key").toString(),
                "CALLER_KEYS_DIR", RunningSystem.SECRETS.resolve("caller-keys").toString()));
        environment.putAll(changed);
        return server("auth-service", 8070, environment);
    }

    /** @param extra environment on top of run.sh's, such as a way to find auth-service */
    static LibertyServer users(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(extra);
        environment.put("USERS_FOLDER", RunningSystem.RUN_DIR.resolve("data/users").toString());
        return server("users-service", 8080, environment);
    }

    static LibertyServer tasks() {
        return tasks(Map.of());
    }

    /** @param extra environment on top of run.sh's, such as a collector for its spans */
    static LibertyServer tasks(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(extra);
        environment.put("TASKS_FOLDER", RunningSystem.RUN_DIR.resolve("data/tasks").toString());
        return server("tasks-service", 8000, environment);
    }

    private static LibertyServer server(String service, int port, Map<String, String> environment) {
        Map<String, String> withLogs = new HashMap<>(environment);
        withLogs.put("LOG_DIR", RunningSystem.RUN_DIR.resolve("logs/" + service).toString());
        // Liberty keeps two old messages logs by default and each restart makes one: keep them all, for
        // NoSecretInLogsIT searches every log of the run.
        withLogs.put("JVM_ARGS", "-Dcom.ibm.ws.logging.max.files=0");
        // As run.sh exports it: a restarted service still names its hops (NetworkDetailsIT may run after a restart).
        withLogs.put("NETWORK_DETAILS", "true");
        withLogs.put("OTEL_SERVICE_NAME", service);
        // Each service with the keys run.sh made for it, never the repository's development keys.
        withLogs.put("INSECURE_DEVELOPMENT_KEYS", "false");
        withLogs.put("IDENTITY_KEY_FILE", RunningSystem.SECRETS.resolve(service + ".key").toString());
        return new LibertyServer(RunningSystem.ROOT.resolve(service + "/target/liberty/wlp"), "defaultServer",
                "http://localhost:" + port, withLogs);
    }
}
