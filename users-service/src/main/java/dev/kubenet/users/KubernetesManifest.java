package dev.kubenet.users;

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
 * How Kubernetes runs users-service. Nothing calls this class: while the service compiles, dekorate turns these
 * annotations, plus {@code src/main/kubernetes/} (the image name from the root POM in {@code dekorate.properties}, the
 * security context in {@code kubernetes.yml}), into {@code target/classes/META-INF/dekorate/kubernetes.yml}, whose
 * committed copy is {@code deploy/30-users-service.yaml}. Resources, probes and file system as in auth-service's
 * {@code KubernetesManifest}.
 * <ul>
 *   <li>Public: a LoadBalancer Service on 8080, the container's own port (dekorate would make a port named http 80:
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
        name = "users-service",
        partOf = "kubenet-liberty",
        replicas = 2,
        serviceType = ServiceType.LoadBalancer,
        ports = @Port(name = "http", containerPort = 8080, hostPort = 8080),
        envVars = {
                @Env(name = "AUTH_ADDRESS", value = "auth-service.default"),
                // The postgres Service of the pod's own namespace: the same URL works in every namespace.
                @Env(name = "DB_URL", value = "jdbc:postgresql://postgres:5432/users"),
                // Its own role, which owns this database and nothing else (the Secret users-db).
                @Env(name = "DB_USER", value = "users"),
                // Each answer names its hops in a Server-Timing header: a course system. The prod overlay of
                // deploy-patterns/5-dev-and-prod turns it off.
                @Env(name = "NETWORK_DETAILS", value = "true"),
                // The name its spans carry, for a collector at OTEL_EXPORTER_OTLP_ENDPOINT (none is set here:
                // no span leaves the pod; docs/observability.md says how to add one).
                @Env(name = "OTEL_SERVICE_NAME", value = "users-service"),
                // The private key with which it proves to auth-service who it is (scripts/secrets.sh --kubernetes).
                @Env(name = "IDENTITY_KEY_FILE", value = "/etc/identity/private-key.pem"),
                // Whose X-Forwarded-For it believes, for its limits per client address (server.xml's <remoteIp>): the
                // private addresses of the pod network, where web-frontend's nginx runs. The LoadBalancers keep an
                // outside client's own address (externalTrafficPolicy: Local), so no outsider passes for a proxy.
                @Env(name = "TRUSTED_PROXIES",
                        value = "10\\.\\d+\\.\\d+\\.\\d+|172\\.(1[6-9]|2\\d|3[01])\\.\\d+\\.\\d+|192\\.168\\.\\d+\\.\\d+"),
                // The Downward API: the pod's name and the node it was scheduled on, which that header names.
                @Env(name = "POD_NAME", field = "metadata.name"),
                @Env(name = "NODE_NAME", field = "spec.nodeName")},
        // 0440: readable by the pod's fsGroup, that is by Liberty's user (see kubernetes.yml).
        secretVolumes = {
                @SecretVolume(volumeName = "db-password", secretName = "users-db", defaultMode = 0440,
                        items = @Item(key = "password", path = "db.password")),
                @SecretVolume(volumeName = "identity", secretName = "users-service-identity", defaultMode = 0440)},
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
