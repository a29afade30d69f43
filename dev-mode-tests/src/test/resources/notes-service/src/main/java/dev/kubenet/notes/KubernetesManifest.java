package dev.kubenet.notes;

import io.dekorate.annotation.Dekorate;
import io.dekorate.docker.annotation.DockerBuild;
import io.dekorate.kubernetes.annotation.EmptyDirVolume;
import io.dekorate.kubernetes.annotation.KubernetesApplication;
import io.dekorate.kubernetes.annotation.Mount;
import io.dekorate.kubernetes.annotation.Port;
import io.dekorate.kubernetes.annotation.Probe;
import io.dekorate.kubernetes.annotation.ResourceRequirements;
import io.dekorate.kubernetes.annotation.ServiceType;
import io.dekorate.option.annotation.GeneratorOptions;

@Dekorate(resources = "../kubernetes/dekorate.properties")
@GeneratorOptions(inputPath = "../kubernetes")
@DockerBuild(dockerFile = "../common/liberty/Dockerfile")
@KubernetesApplication(
        name = "notes-service",
        partOf = "kubenet-liberty",
        serviceType = ServiceType.ClusterIP,
        ports = @Port(name = "http", containerPort = 8060, hostPort = 8060),
        emptyDirVolumes = {
                @EmptyDirVolume(volumeName = "liberty-output"),
                @EmptyDirVolume(volumeName = "logs"),
                @EmptyDirVolume(volumeName = "tmp")},
        mounts = {
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
