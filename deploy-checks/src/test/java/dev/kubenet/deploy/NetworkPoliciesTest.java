package dev.kubenet.deploy;

import static dev.kubenet.deploy.KubernetesObject.list;
import static dev.kubenet.deploy.KubernetesObject.map;
import static dev.kubenet.deploy.ManifestSet.containers;
import static dev.kubenet.deploy.ManifestSet.namespaceOf;
import static dev.kubenet.deploy.ManifestSet.podLabels;
import static dev.kubenet.deploy.ManifestSet.podTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the NetworkPolicies of deploy/ and of each overlay let through, worked out as a cluster that enforces them
 * would: a connection between two pods needs an egress rule of the caller and an ingress rule of the callee that both
 * admit it, and a pod that some policy of a direction selects is denied what no policy of that direction allows. The
 * result is compared both ways with the tables below: nothing missing, nothing extra.
 */
class NetworkPoliciesTest {

    /** Who may open a connection to whom inside a namespace: caller, callee and the callee's port. */
    private static final Set<String> CALLS = Set.of(
            "web-frontend -> users-service:8080/TCP",
            "web-frontend -> tasks-service:8000/TCP",
            "users-service -> auth-service:8070/TCP",
            "users-service -> postgres:5432/TCP",
            "tasks-service -> auth-service:8070/TCP",
            "tasks-service -> postgres:5432/TCP",
            "auth-service -> postgres:5432/TCP");

    /** Pattern 1: users-service calls the auth-service container of its own pod over localhost, which needs no rule. */
    private static final Set<String> CALLS_WITH_AUTH_SERVICE_IN_USERS_POD = CALLS.stream()
            .filter(call -> !call.equals("users-service -> auth-service:8070/TCP")).collect(Collectors.toSet());

    /** The LoadBalancers' pods, open to anyone, each on its one port. */
    private static final Set<String> PUBLIC = Set.of("web-frontend:8080/TCP", "users-service:8080/TCP",
            "tasks-service:8000/TCP");

    /** Cluster DNS, which every pod that looks a name up may ask, and nothing else outside the namespace. */
    private static final String DNS = "{kubernetes.io/metadata.name=kube-system}/{k8s-app=kube-dns}";
    private static final Map<String, Set<String>> EGRESS_OUT_OF_THE_NAMESPACE = Map.of(
            "web-frontend", Set.of(DNS + ":53/UDP", DNS + ":53/TCP"),
            "users-service", Set.of(DNS + ":53/UDP", DNS + ":53/TCP"),
            "tasks-service", Set.of(DNS + ":53/UDP", DNS + ":53/TCP"),
            "auth-service", Set.of(DNS + ":53/UDP", DNS + ":53/TCP"),
            "postgres", Set.of());

    /** Where Prometheus runs, as deploy/60-network-policies.yaml says. */
    private static final String PROMETHEUS =
            "{kubernetes.io/metadata.name=monitoring}/{app.kubernetes.io/name=prometheus}";

    static List<ManifestSet> sets() {
        return ManifestSet.all();
    }

    @Test
    void everySetOfManifestsShipsNetworkPolicies() {
        for (ManifestSet set : sets()) {
            assertFalse(set.ofKind("NetworkPolicy").isEmpty(), set + " has no NetworkPolicy");
        }
    }

    /** Each pod is selected by a policy of both directions that allows nothing: what no other policy allows is denied. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void everyPodIsDeniedEverythingInBothDirectionsByDefault(ManifestSet set) {
        for (KubernetesObject workload : set.workloads()) {
            assertTrue(policiesOf(set, workload).stream().anyMatch(policy -> {
                Map<String, Object> spec = map(policy.fields().get("spec"));
                return directions(spec).containsAll(Set.of("Ingress", "Egress"))
                        && list(spec.get("ingress")).isEmpty() && list(spec.get("egress")).isEmpty();
            }), set + " " + workload + ": no default-deny policy for both ingress and egress selects its pods");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void theCallsBetweenPodsAreExactlyTheTable(ManifestSet set) {
        Set<String> expected = set.name().equals("deploy-patterns/1-one-pod-localhost")
                ? CALLS_WITH_AUTH_SERVICE_IN_USERS_POD : CALLS;
        for (String namespace : namespaces(set)) {
            Set<String> allowed = new TreeSet<>();
            for (KubernetesObject caller : workloadsIn(set, namespace)) {
                for (KubernetesObject callee : workloadsIn(set, namespace)) {
                    for (String port : ports(callee)) {
                        if (admits(set, caller, "Egress", callee, port) && admits(set, callee, "Ingress", caller, port)) {
                            allowed.add(app(caller) + " -> " + app(callee) + ":" + port);
                        }
                    }
                }
            }
            assertEquals(new TreeSet<>(expected), allowed, set + " namespace " + namespace
                    + ": the calls between pods that the policies allow");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void onlyTheLoadBalancersPodsAreOpenToAnyone(ManifestSet set) {
        for (String namespace : namespaces(set)) {
            Set<String> open = new TreeSet<>();
            for (KubernetesObject workload : workloadsIn(set, namespace)) {
                for (String port : ports(workload)) {
                    if (rules(set, workload, "Ingress").stream().anyMatch(rule ->
                            peers(rule, "Ingress").isEmpty() && admitsPort(rule, workload, port))) {
                        open.add(app(workload) + ":" + port);
                    }
                }
            }
            assertEquals(new TreeSet<>(PUBLIC), open, set + " namespace " + namespace);
            Set<String> loadBalancers = set.ofKind("Service").stream()
                    .filter(service -> namespaceOf(service).equals(namespace)
                            && "LoadBalancer".equals(map(service.fields().get("spec")).get("type")))
                    .map(KubernetesObject::name).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(PUBLIC.stream().map(port -> port.substring(0, port.indexOf(':')))
                    .collect(Collectors.toCollection(TreeSet::new)), loadBalancers, set + ": the public pods' Services");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void nothingLeavesTheNamespaceButQuestionsToClusterDns(ManifestSet set) {
        for (KubernetesObject workload : set.workloads()) {
            Set<String> out = new TreeSet<>();
            for (Map<String, Object> rule : rules(set, workload, "Egress")) {
                List<Map<String, Object>> peers = peers(rule, "Egress");
                for (Map<String, Object> peer : peers.isEmpty() ? List.of(Map.<String, Object>of()) : peers) {
                    if (peer.isEmpty() || peer.containsKey("namespaceSelector") || peer.containsKey("ipBlock")) {
                        for (Object port : list(rule.get("ports"))) {
                            out.add(describe(peer) + ":" + map(port).get("port") + "/"
                                    + map(port).getOrDefault("protocol", "TCP"));
                        }
                        if (list(rule.get("ports")).isEmpty()) {
                            out.add(describe(peer) + ":any port");
                        }
                    }
                }
            }
            assertEquals(new TreeSet<>(EGRESS_OUT_OF_THE_NAMESPACE.get(app(workload))), out, set + " " + workload);
        }
    }

    /** Prometheus may reach exactly the ports that the pods' prometheus.io annotations ask it to scrape. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void prometheusReachesThePortsTheAnnotationsName(ManifestSet set) {
        int annotated = 0;
        for (KubernetesObject workload : set.workloads()) {
            Map<String, Object> annotations = map(map(podTemplate(workload).get("metadata")).get("annotations"));
            Set<String> scraped = new TreeSet<>();
            if ("true".equals(annotations.get("prometheus.io/scrape"))) {
                annotated++;
                scraped.add(annotations.get("prometheus.io/port") + "/TCP");
                assertTrue(ports(workload).contains(annotations.get("prometheus.io/port") + "/TCP"),
                        workload + ": prometheus.io/port is a port of the pod");
            }
            Set<String> reachable = new TreeSet<>();
            for (String port : ports(workload)) {
                if (rules(set, workload, "Ingress").stream().anyMatch(rule -> admitsPort(rule, workload, port)
                        && peers(rule, "Ingress").stream().anyMatch(peer -> describe(peer).equals(PROMETHEUS)))) {
                    reachable.add(port);
                }
            }
            assertEquals(scraped, reachable, set + " " + workload + ": the ports Prometheus may scrape");
        }
        assertEquals(3 * namespaces(set).size(), annotated, set + ": the three Java services ask to be scraped");
    }

    /** The policies that select the workload's pods. */
    private static List<KubernetesObject> policiesOf(ManifestSet set, KubernetesObject workload) {
        return set.ofKind("NetworkPolicy").stream().filter(policy -> namespaceOf(policy).equals(namespaceOf(workload))
                && set.workloadsSelectedByLabelSelector(map(map(policy.fields().get("spec")).get("podSelector")),
                        namespaceOf(policy)).contains(workload)).toList();
    }

    /** policyTypes, or what Kubernetes takes when it is left out: Ingress, and Egress if there are egress rules. */
    private static Set<String> directions(Map<String, Object> spec) {
        if (spec.containsKey("policyTypes")) {
            return list(spec.get("policyTypes")).stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return spec.containsKey("egress") ? Set.of("Ingress", "Egress") : Set.of("Ingress");
    }

    /** The rules of one direction for the workload's pods; a policy of that direction must select them. */
    private static List<Map<String, Object>> rules(ManifestSet set, KubernetesObject workload, String direction) {
        List<KubernetesObject> policies = policiesOf(set, workload).stream()
                .filter(policy -> directions(map(policy.fields().get("spec"))).contains(direction)).toList();
        assertFalse(policies.isEmpty(), workload + ": no policy restricts its " + direction);
        return policies.stream().flatMap(policy -> list(map(policy.fields().get("spec"))
                .get(direction.toLowerCase())).stream()).map(KubernetesObject::map).toList();
    }

    private static List<Map<String, Object>> peers(Map<String, Object> rule, String direction) {
        return list(rule.get(direction.equals("Ingress") ? "from" : "to")).stream().map(KubernetesObject::map).toList();
    }

    /** Whether a rule of the workload's policies lets its pods exchange a connection with the other's on the port. */
    private static boolean admits(ManifestSet set, KubernetesObject workload, String direction, KubernetesObject other,
            String port) {
        KubernetesObject portOwner = direction.equals("Ingress") ? workload : other;
        return rules(set, workload, direction).stream().anyMatch(rule -> admitsPort(rule, portOwner, port)
                && (peers(rule, direction).isEmpty() || peers(rule, direction).stream().anyMatch(peer ->
                        !peer.containsKey("namespaceSelector") && !peer.containsKey("ipBlock")
                                && set.workloadsSelectedByLabelSelector(map(peer.get("podSelector")),
                                        namespaceOf(workload)).contains(other))));
    }

    /** Whether the rule's ports hold the port ("8080/TCP") of the pod, by number or by the container port's name. */
    private static boolean admitsPort(Map<String, Object> rule, KubernetesObject pod, String port) {
        if (list(rule.get("ports")).isEmpty()) {
            return true;
        }
        return list(rule.get("ports")).stream().map(KubernetesObject::map).anyMatch(entry -> {
            Object number = entry.get("port");
            String resolved = number instanceof String name ? containers(pod).stream()
                    .flatMap(container -> list(container.get("ports")).stream().map(KubernetesObject::map))
                    .filter(p -> name.equals(p.get("name"))).map(p -> String.valueOf(p.get("containerPort")))
                    .findFirst().orElse(null) : String.valueOf(number);
            return Objects.equals(resolved + "/" + entry.getOrDefault("protocol", "TCP"), port);
        });
    }

    /** Every container port of the workload's pods, "8080/TCP". */
    private static Set<String> ports(KubernetesObject workload) {
        return containers(workload).stream()
                .flatMap(container -> list(container.get("ports")).stream().map(KubernetesObject::map))
                .map(port -> port.get("containerPort") + "/" + port.getOrDefault("protocol", "TCP"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A peer outside the namespace: "{namespace labels}/{pod labels}". */
    private static String describe(Map<String, Object> peer) {
        if (peer.isEmpty()) {
            return "anywhere";
        }
        if (peer.containsKey("ipBlock")) {
            return "ipBlock " + peer.get("ipBlock");
        }
        return map(map(peer.get("namespaceSelector")).get("matchLabels")) + "/"
                + map(map(peer.get("podSelector")).get("matchLabels"));
    }

    private static String app(KubernetesObject workload) {
        return String.valueOf(podLabels(workload).get("app.kubernetes.io/name"));
    }

    private static Set<String> namespaces(ManifestSet set) {
        return set.workloads().stream().map(ManifestSet::namespaceOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<KubernetesObject> workloadsIn(ManifestSet set, String namespace) {
        return set.workloads().stream().filter(workload -> namespaceOf(workload).equals(namespace)).toList();
    }
}
