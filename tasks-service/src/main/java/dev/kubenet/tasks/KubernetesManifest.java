package dev.kubenet.tasks;

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
 * How Kubernetes runs tasks-service. Nothing calls this class: while the service compiles, dekorate turns these
 * annotations, plus {@code src/main/kubernetes/} (the image name from the root POM in {@code dekorate.properties}, the
 * security context in {@code kubernetes.yml}), into {@code target/classes/META-INF/dekorate/kubernetes.yml}, whose
 * committed copy is {@code deploy/40-tasks-service.yaml}. Resources, probes and file system as in auth-service's
 * {@code KubernetesManifest}.
 * <ul>
 *   <li>Public: a LoadBalancer Service on 8000, the container's own port (dekorate would make a port named http 80:
 *       {@code hostPort} is the Service port).</li>
 *   <li>Two replicas: no state in the pod (the database holds it, auth-service checks the tokens).</li>
 *   <li>auth-service at {@code AUTH_ADDRESS=auth-service.default}, cluster DNS; the overlays in
 *       {@code deploy-patterns/} show the course's other ways.</li>
 *   <li>PostgreSQL: the URL and user come from the environment ({@code DB_URL}, {@code DB_USER}); the password is
 *       a file. Liberty makes every file in {@code /config/variables} a server.xml variable named after the file,
 *       so the Secret's key {@code password}, mounted as {@code /config/variables/db.password}, is {@code db.password}
 *       in server.xml, and the password is in no environment variable.</li>
 * </ul>
 */
@Dekorate(resources = "../kubernetes/dekorate.properties")
@GeneratorOptions(inputPath = "../kubernetes")
@DockerBuild(dockerFile = "../common/liberty/Dockerfile")
@KubernetesApplication(
        name = "tasks-service",
        partOf = "kubenet-liberty",
        replicas = 2,
        serviceType = ServiceType.LoadBalancer,
        ports = @Port(name = "http", containerPort = 8000, hostPort = 8000),
        envVars = {
                @Env(name = "AUTH_ADDRESS", value = "auth-service.default"),
                // The postgres Service of the pod's own namespace: the same URL works in every namespace.
                @Env(name = "DB_URL", value = "jdbc:postgresql://postgres:5432/tasks"),
                // Its own role, which owns this database and nothing else (the Secret tasks-db).
                @Env(name = "DB_USER", value = "tasks"),
                // Each answer names its hops in a Server-Timing header: a course system. The prod overlay of
                // deploy-patterns/5-dev-and-prod turns it off.
                @Env(name = "NETWORK_DETAILS", value = "true"),
                // The name its spans carry, for a collector at OTEL_EXPORTER_OTLP_ENDPOINT (none is set here:
                // no span leaves the pod; docs/observability.md says how to add one).
                @Env(name = "OTEL_SERVICE_NAME", value = "tasks-service"),
                // The private key with which it proves to auth-service who it is (scripts/secrets.sh --kubernetes).
                @Env(name = "IDENTITY_KEY_FILE", value = "/etc/identity/private-key.pem"),
                // The Downward API: the pod's name and the node it was scheduled on, which that header names.
                @Env(name = "POD_NAME", field = "metadata.name"),
                @Env(name = "NODE_NAME", field = "spec.nodeName")},
        // 0440: readable by the pod's fsGroup, that is by Liberty's user (see kubernetes.yml).
        secretVolumes = {
                @SecretVolume(volumeName = "db-password", secretName = "tasks-db", defaultMode = 0440,
                        items = @Item(key = "password", path = "db.password")),
                @SecretVolume(volumeName = "identity", secretName = "tasks-service-identity", defaultMode = 0440)},
        emptyDirVolumes = {
                @EmptyDirVolume(volumeName = "liberty-output"),
                @EmptyDirVolume(volumeName = "logs"),
                @EmptyDirVolume(volumeName = "tmp")},
        mounts = {
                @Mount(name = "db-password", path = "/config/variables", readOnly = true),
                @Mount(name = "identity", path = "/etc/identity", readOnly = true),
                @Mount(name = "liberty-output", path = "/opt/ol/wlp/output"),
                @Mount(name = "logs", path = "/logs"),
                @Mount(name = "tmp", path = "/tmp")},
        startupProbe = @Probe(httpActionPath = "/health/started",
                periodSeconds = 5, timeoutSeconds = 3, failureThreshold = 36),
        readinessProbe = @Probe(httpActionPath = "/health/ready",
                periodSeconds = 10, timeoutSeconds = 3, failureThreshold = 3),
        livenessProbe = @Probe(httpActionPath = "/health/live",
                periodSeconds = 10, timeoutSeconds = 5, failureThreshold = 3),
        requestResources = @ResourceRequirements(memory = "416Mi", cpu = "100m"),
        limitResources = @ResourceRequirements(memory = "512Mi"))
final class KubernetesManifest {

    private KubernetesManifest() {
    }
}
