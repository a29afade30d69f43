package dev.kubenet.auth;

import io.dekorate.annotation.Dekorate;
import io.dekorate.docker.annotation.DockerBuild;
import io.dekorate.kubernetes.annotation.EmptyDirVolume;
import io.dekorate.kubernetes.annotation.Env;
import io.dekorate.kubernetes.annotation.Item;
import io.dekorate.kubernetes.annotation.KubernetesApplication;
import io.dekorate.kubernetes.annotation.Mount;
import io.dekorate.kubernetes.annotation.Port;
import io.dekorate.kubernetes.annotation.Probe;
import io.dekorate.kubernetes.annotation.ResourceRequirements;
import io.dekorate.kubernetes.annotation.SecretVolume;
import io.dekorate.kubernetes.annotation.ServiceType;
import io.dekorate.option.annotation.GeneratorOptions;

/**
 * How Kubernetes runs auth-service. Nothing calls this class: while the service compiles, dekorate turns these
 * annotations, plus {@code src/main/kubernetes/} (the image name from the root POM in {@code dekorate.properties}, the
 * security context in {@code kubernetes.yml}), into {@code target/classes/META-INF/dekorate/kubernetes.yml}, whose
 * committed copy is {@code deploy/20-auth-service.yaml}.
 * <ul>
 *   <li>Internal only: a ClusterIP Service, listening on port 80 (dekorate's {@code hostPort}) and forwarding to the
 *       container's 8070, so that {@code AUTH_ADDRESS=auth-service.default} needs no port, as in the course.</li>
 *   <li>It answers only callers that prove who they are, with a key whose public half is in the Secret
 *       {@code caller-keys}; {@code scripts/secrets.sh --kubernetes} makes it and every other Secret here.</li>
 *   <li>Two replicas: they share the signing key (a Secret), so either one verifies the other's tokens, and the
 *       database that holds the ids of logged-out tokens, so either one refuses a token the other revoked. The
 *       database password is a file, as in users-service's {@code KubernetesManifest}.</li>
 *   <li>Probes on MicroProfile Health. Starting may take a while on a small node (up to 36 × 5 s); liveness never
 *       asks anything outside the process, so a slow neighbour cannot get this pod restarted.</li>
 *   <li>Memory: the request is at or above the most the service was measured to use
 *       (docs/measured-memory.properties, rounded up to 32 MiB; deploy-checks compares them), so a node that admits the pod has that memory for it; the limit is
 *       512Mi. The heap is bounded by {@code common/liberty/jvm.options}. No CPU limit: throttling would only
 *       stretch the JIT-heavy start.</li>
 *   <li>Liberty's root file system is read-only; it writes to emptyDir volumes only: its output directory
 *       (workarea, expanded apps), {@code /logs} ({@code LOG_DIR}) and {@code /tmp}.</li>
 * </ul>
 */
@Dekorate(resources = "../kubernetes/dekorate.properties")
@GeneratorOptions(inputPath = "../kubernetes")
@DockerBuild(dockerFile = "../common/liberty/Dockerfile")
@KubernetesApplication(
        name = "auth-service",
        partOf = "kubenet-liberty",
        replicas = 2,
        serviceType = ServiceType.ClusterIP,
        ports = @Port(name = "http", containerPort = 8070, hostPort = 80),
        envVars = {
                @Env(name = "JWT_SIGNING_KEY_FILE", value = "/etc/jwt/signing-key"),
                // The public keys of the services it answers (the Secret caller-keys, from scripts/secrets.sh).
                @Env(name = "CALLER_KEYS_DIR", value = "/etc/caller-keys"),
                // Its own database, in the namespace's PostgreSQL, with a role of its own (the Secret auth-db).
                @Env(name = "DB_URL", value = "jdbc:postgresql://postgres:5432/auth"),
                @Env(name = "DB_USER", value = "auth"),
                // Each answer names its hops in a Server-Timing header: a course system. The prod overlay of
                // deploy-patterns/5-dev-and-prod turns it off.
                @Env(name = "NETWORK_DETAILS", value = "true"),
                // The name its spans carry, for a collector at OTEL_EXPORTER_OTLP_ENDPOINT (none is set here:
                // no span leaves the pod; docs/observability.md says how to add one).
                @Env(name = "OTEL_SERVICE_NAME", value = "auth-service"),
                // The Downward API: the pod's name and the node it was scheduled on, which that header names.
                @Env(name = "POD_NAME", field = "metadata.name"),
                @Env(name = "NODE_NAME", field = "spec.nodeName")},
        // 0440: readable by the pod's fsGroup, that is by Liberty's user (see kubernetes.yml).
        secretVolumes = {
                @SecretVolume(volumeName = "jwt-signing-key", secretName = "jwt-signing-key", defaultMode = 0440),
                @SecretVolume(volumeName = "caller-keys", secretName = "caller-keys", defaultMode = 0440),
                @SecretVolume(volumeName = "db-password", secretName = "auth-db", defaultMode = 0440,
                        items = @Item(key = "password", path = "db.password"))},
        emptyDirVolumes = {
                @EmptyDirVolume(volumeName = "liberty-output"),
                @EmptyDirVolume(volumeName = "logs"),
                @EmptyDirVolume(volumeName = "tmp")},
        mounts = {
                @Mount(name = "jwt-signing-key", path = "/etc/jwt", readOnly = true),
                @Mount(name = "caller-keys", path = "/etc/caller-keys", readOnly = true),
                @Mount(name = "db-password", path = "/config/variables", readOnly = true),
                @Mount(name = "liberty-output", path = "/opt/ol/wlp/output"),
                @Mount(name = "logs", path = "/logs"),
                @Mount(name = "tmp", path = "/tmp")},
        startupProbe = @Probe(httpActionPath = "/health/started",
                periodSeconds = 5, timeoutSeconds = 3, failureThreshold = 36),
        readinessProbe = @Probe(httpActionPath = "/health/ready",
                periodSeconds = 10, timeoutSeconds = 3, failureThreshold = 3),
        livenessProbe = @Probe(httpActionPath = "/health/live",
                periodSeconds = 10, timeoutSeconds = 5, failureThreshold = 3),
        requestResources = @ResourceRequirements(memory = "512Mi", cpu = "100m"),
        limitResources = @ResourceRequirements(memory = "512Mi"))
final class KubernetesManifest {

    private KubernetesManifest() {
    }
}
