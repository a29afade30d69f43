package it.dev.kubenet.containers;

import static it.dev.kubenet.containers.KubeObject.kind;
import static it.dev.kubenet.containers.KubeObject.list;
import static it.dev.kubenet.containers.KubeObject.map;
import static it.dev.kubenet.containers.KubeObject.name;

import it.dev.kubenet.containers.KubePlayTranslation.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The NetworkPolicies of the manifests as podman networks, isolated from each other, so that a pod can open a
 * connection only to pods it shares a network with:
 * <ul>
 *   <li>each pod has a network of its own, {@code kubenet-kube-<app>}, which it shares with the stand-ins of the
 *       Services that select it (and through which the node, this machine, reaches it, as the kubelet does);</li>
 *   <li>each pair of pods between which the policies allow a connection, one way or the other, shares a network
 *       {@code kubenet-kube-<app>--<app>};</li>
 *   <li>a Service's stand-in also joins the pair networks of the pods that may call its pods, so they, and only they,
 *       find it by its name.</li>
 * </ul>
 * A connection is allowed as a cluster that enforces the policies allows it: an egress rule of the caller's policies
 * and an ingress rule of the callee's must both admit it, on one of the callee's ports; a pod that no policy of a
 * direction selects is not restricted in that direction. Networks know no direction and no port: two pods that share
 * one may open a connection either way, on any port. Peers outside the namespace (cluster DNS, Prometheus, anywhere)
 * have no pod here: aardvark-dns answers every pod, and the node reaches every pod.
 */
final class PolicyNetworks {

    static final String PREFIX = "kubenet-kube-";

    private PolicyNetworks() {
    }

    /**
     * @param pods     the pods as they will be played
     * @param services the Services, each by name with its selector
     * @return the networks of each pod (its own first) and of each Service's stand-in, by name
     */
    static Map<String, List<String>> networks(List<Map<String, Object>> rendered, List<Pod> pods,
            List<Map<String, Object>> services) {
        List<Map<String, Object>> policies = rendered.stream().filter(o -> "NetworkPolicy".equals(kind(o))).toList();
        Map<String, List<String>> networks = new LinkedHashMap<>();
        for (Pod pod : pods) {
            networks.put(pod.name(), new ArrayList<>(List.of(own(pod))));
        }
        for (Pod caller : pods) {
            for (Pod callee : pods) {
                if (caller != callee && mayConnect(policies, caller, callee)) {
                    String pair = pair(caller, callee);
                    for (Pod end : List.of(caller, callee)) {
                        if (!networks.get(end.name()).contains(pair)) {
                            networks.get(end.name()).add(pair);
                        }
                    }
                }
            }
        }
        for (Map<String, Object> service : services) {
            @SuppressWarnings("unchecked")
            Map<String, String> selector = (Map<String, String>) map(service, "spec").getOrDefault("selector", Map.of());
            Set<String> joined = new TreeSet<>();
            List<String> ordered = new ArrayList<>();
            for (Pod callee : pods) {
                if (selector.isEmpty() || !callee.labels().entrySet().containsAll(selector.entrySet())) {
                    continue;
                }
                if (joined.add(own(callee))) {
                    ordered.add(own(callee));
                }
                for (Pod caller : pods) {
                    if (caller != callee && mayConnect(policies, caller, callee) && joined.add(pair(caller, callee))) {
                        ordered.add(pair(caller, callee));
                    }
                }
            }
            networks.put(KubePlayCluster.PROXY_PREFIX + name(service), ordered);
        }
        return networks;
    }

    /** The pod's own network, on which the node and its Services' stand-ins reach it. */
    static String own(Pod pod) {
        return PREFIX + app(pod);
    }

    private static String pair(Pod one, Pod other) {
        List<String> apps = new ArrayList<>(List.of(app(one), app(other)));
        apps.sort(null);
        return PREFIX + apps.get(0) + "--" + apps.get(1);
    }

    private static String app(Pod pod) {
        return pod.labels().getOrDefault("app.kubernetes.io/name", pod.name());
    }

    /** Whether the policies let the caller open a connection to some port of the callee. */
    static boolean mayConnect(List<Map<String, Object>> policies, Pod caller, Pod callee) {
        for (Map<String, Object> port : ports(callee)) {
            if (admits(policies, caller, "Egress", callee, port) && admits(policies, callee, "Ingress", caller, port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean admits(List<Map<String, Object>> policies, Pod pod, String direction, Pod peer,
            Map<String, Object> port) {
        List<Map<String, Object>> selecting = policies.stream()
                .filter(policy -> selects(map(policy, "spec").get("podSelector"), pod.labels())
                        && directions(map(policy, "spec")).contains(direction))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        String peers = direction.equals("Ingress") ? "from" : "to";
        return selecting.stream().flatMap(policy -> list(map(policy, "spec"), direction.toLowerCase()).stream())
                .anyMatch(rule -> admitsPort(rule, port) && (list(rule, peers).isEmpty() || list(rule, peers).stream()
                        .anyMatch(entry -> !entry.containsKey("namespaceSelector") && !entry.containsKey("ipBlock")
                                && selects(entry.get("podSelector"), peer.labels()))));
    }

    private static Set<String> directions(Map<String, Object> spec) {
        if (spec.containsKey("policyTypes")) {
            return new TreeSet<>(((List<?>) spec.get("policyTypes")).stream().map(String::valueOf).toList());
        }
        return spec.containsKey("egress") ? Set.of("Ingress", "Egress") : Set.of("Ingress");
    }

    private static boolean admitsPort(Map<String, Object> rule, Map<String, Object> port) {
        List<Map<String, Object>> ports = list(rule, "ports");
        return ports.isEmpty() || ports.stream().anyMatch(entry ->
                Objects.equals(entry.getOrDefault("protocol", "TCP"), port.getOrDefault("protocol", "TCP"))
                        && (Objects.equals(entry.get("port"), port.get("containerPort"))
                                || Objects.equals(entry.get("port"), port.get("name"))));
    }

    private static List<Map<String, Object>> ports(Pod pod) {
        return pod.containers().stream().flatMap(container -> list(container, "ports").stream()).toList();
    }

    /** A label selector (matchLabels, and matchExpressions with In, NotIn, Exists, DoesNotExist) on the labels. */
    @SuppressWarnings("unchecked")
    private static boolean selects(Object selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, Object> labelSelector = map(selector);
        Map<String, String> matchLabels = (Map<String, String>) labelSelector.getOrDefault("matchLabels", Map.of());
        if (!labels.entrySet().containsAll(matchLabels.entrySet())) {
            return false;
        }
        return list(labelSelector, "matchExpressions").stream().allMatch(expression -> {
            String value = labels.get((String) expression.get("key"));
            List<Object> values = (List<Object>) expression.getOrDefault("values", List.of());
            return switch ((String) expression.get("operator")) {
                case "In" -> values.contains(value);
                case "NotIn" -> !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown operator in " + expression);
            };
        });
    }
}
