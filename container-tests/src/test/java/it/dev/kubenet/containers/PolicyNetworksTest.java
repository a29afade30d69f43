package it.dev.kubenet.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.dev.kubenet.containers.KubePlayTranslation.Translated;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The networks that the pod tests make of the NetworkPolicies, worked out without an engine. */
class PolicyNetworksTest {

    private static final String P = PolicyNetworks.PREFIX;

    @Test
    void deploysPodsShareANetworkExactlyWithThePodsTheyMayCallOrBeCalledBy() {
        Translated deploy = translate("deploy");
        deploy.pods().forEach(pod -> assertEquals(PolicyNetworks.own(pod), deploy.networks().get(pod.name()).get(0),
                pod.name() + ": its own network first"));
        assertEquals(Set.of(P + "web-frontend", P + "users-service--web-frontend", P + "tasks-service--web-frontend"),
                new TreeSet<>(deploy.networks().get("web-frontend-pod-0")));
        assertEquals(Set.of(P + "users-service", P + "users-service--web-frontend", P + "auth-service--users-service",
                P + "postgres--users-service"), new TreeSet<>(deploy.networks().get("users-service-pod-0")));
        assertEquals(Set.of(P + "auth-service", P + "auth-service--users-service", P + "auth-service--tasks-service",
                P + "auth-service--postgres"), new TreeSet<>(deploy.networks().get("auth-service-pod-0")));
        assertEquals(Set.of(P + "postgres", P + "postgres--users-service", P + "postgres--tasks-service",
                P + "auth-service--postgres"), new TreeSet<>(deploy.networks().get("postgres-0")));
    }

    /** A Service's stand-in is where its callers are: web-frontend shares none with auth-service's or PostgreSQL's. */
    @Test
    void aServicesStandInJoinsTheNetworksOfThePodsThatMayCallItsPods() {
        Map<String, List<String>> networks = translate("deploy").networks();
        assertEquals(Set.of(P + "auth-service", P + "auth-service--users-service", P + "auth-service--tasks-service"),
                new TreeSet<>(networks.get("kube-service-auth-service")));
        assertEquals(Set.of(P + "postgres", P + "postgres--users-service", P + "postgres--tasks-service",
                P + "auth-service--postgres"), new TreeSet<>(networks.get("kube-service-postgres")));
        assertEquals(Set.of(P + "web-frontend"), new TreeSet<>(networks.get("kube-service-web-frontend")));
        for (String standIn : List.of("kube-service-auth-service", "kube-service-postgres")) {
            assertEquals(List.of(), networks.get(standIn).stream()
                    .filter(networks.get("web-frontend-pod-0")::contains).toList(), standIn);
        }
    }

    /** Pattern 1: users-service calls the auth-service of its own pod, so its pod shares no network with auth-service's. */
    @Test
    void inTheOnePodPatternUsersServicesPodHasNoWayToAuthServicesPods() {
        Translated onePod = translate("deploy-patterns/1-one-pod-localhost");
        assertEquals(Set.of(P + "users-service", P + "users-service--web-frontend", P + "postgres--users-service"),
                new TreeSet<>(onePod.networks().get("users-service-pod-0")));
        assertEquals(Set.of(P + "auth-service", P + "auth-service--tasks-service"),
                new TreeSet<>(onePod.networks().get("kube-service-auth-service")));
    }

    private static Translated translate(String kustomization) {
        List<Map<String, Object>> rendered = new ArrayList<>(KubeObject.secretsFromTheScript());
        rendered.addAll(KubeObject.render(kustomization));
        return new KubePlayTranslation(Map.of(), Path.of("target/policy-networks/" + kustomization.replace('/', '_')),
                Set.of()).translate(rendered);
    }
}
