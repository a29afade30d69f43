package dev.kubenet.deploy;

import static dev.kubenet.deploy.KubernetesObject.list;
import static dev.kubenet.deploy.KubernetesObject.map;
import static dev.kubenet.deploy.ManifestSet.containers;
import static dev.kubenet.deploy.ManifestSet.environment;
import static dev.kubenet.deploy.ManifestSet.folderOf;
import static dev.kubenet.deploy.ManifestSet.maxPods;
import static dev.kubenet.deploy.ManifestSet.namespaceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.custom.Quantity;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the manifests ask of a cluster, counted from what each command applies: memory requests against what the
 * services were measured to use, database connections against PostgreSQL's max_connections, and each namespace's
 * ResourceQuota: at least what its pods request at most, a rolling update's surge included.
 */
class KubernetesCapacityTest {

    /** The most each container was measured to use, in MiB, by its short name; BENCHMARKS.md says how. */
    private static final String MEASURED = "docs/measured-memory.properties";
    private static final Pattern POOL = Pattern.compile("<connectionManager[^>]*\\smaxPoolSize=\"(\\d+)\"");
    private static final Pattern DATABASE_HOST = Pattern.compile("jdbc:postgresql://([^:/]+)[:/].*");
    private static final BigDecimal MIB = BigDecimal.valueOf(1024 * 1024);

    static List<ManifestSet> sets() {
        return ManifestSet.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void memoryRequestsCoverWhatTheServicesWereMeasuredToUse(ManifestSet set) {
        Map<String, BigDecimal> measured = measuredMemory();
        for (KubernetesObject workload : set.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                String name = measuredName((String) container.get("image"));
                String where = workload + " container " + container.get("name");
                assertTrue(measured.containsKey(name), where + ": " + MEASURED + " has no figure for " + name);
                BigDecimal request = quantity(map(map(container.get("resources")).get("requests")).get("memory"));
                assertTrue(request.compareTo(measured.get(name)) >= 0, where + " requests " + mebibytes(request)
                        + " MiB, less than the " + mebibytes(measured.get(name)) + " MiB it was measured to use");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void everyPodsConnectionsFitPostgresEvenDuringARollingUpdate(ManifestSet set) {
        for (KubernetesObject postgres : set.workloads()) {
            for (Map<String, Object> server : containers(postgres)) {
                if (!((String) server.get("image")).startsWith("postgres:")) {
                    continue;
                }
                Map<String, String> settings = settings(server);
                assertTrue(settings.containsKey("max_connections"), postgres + ": max_connections stated, not left to "
                        + "PostgreSQL's default");
                int available = Integer.parseInt(settings.get("max_connections"))
                        - Integer.parseInt(settings.getOrDefault("superuser_reserved_connections", "3"));
                List<String> clients = new ArrayList<>();
                int connections = 0;
                for (KubernetesObject client : clientsOf(set, postgres)) {
                    for (Map<String, Object> container : containers(client)) {
                        if (environment(container).get("DB_URL") != null) {
                            int pool = maxPoolSize(folderOf((String) container.get("image")));
                            connections += maxPods(client) * pool;
                            clients.add(client.name() + " " + maxPods(client) + " x " + pool);
                        }
                    }
                }
                assertFalse(clients.isEmpty(), postgres + " has clients in " + set);
                assertTrue(connections <= available, set + ": " + String.join(" + ", clients) + " = " + connections
                        + " connections, more than max_connections - superuser_reserved_connections = " + available);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void everyResourceQuotaAllowsWhatItsNamespaceNeedsAtMost(ManifestSet set) {
        for (KubernetesObject quota : set.ofKind("ResourceQuota")) {
            Map<String, BigDecimal> needed = neededBy(set, namespaceOf(quota));
            List<String> miscounted = new ArrayList<>();
            map(map(quota.fields().get("spec")).get("hard")).forEach((resource, hard) -> {
                assertTrue(needed.containsKey(resource), quota + ": this check does not count " + resource);
                if (quantity(hard).compareTo(needed.get(resource)) < 0) {
                    miscounted.add(resource + " is " + hard + ", the namespace needs up to "
                            + needed.get(resource).stripTrailingZeros().toPlainString()
                            + (resource.contains("memory") || resource.contains("storage")
                                    ? " bytes (" + mebibytes(needed.get(resource)) + " MiB)" : ""));
                }
            });
            assertEquals(List.of(), miscounted, quota + " is below what its namespace needs at most");
        }
    }

    /** The most each container was measured to use, in bytes, by its short name (auth, frontend, ...). */
    private static Map<String, BigDecimal> measuredMemory() {
        Properties figures = new Properties();
        try (Reader reader = new StringReader(Repository.read(MEASURED))) {
            figures.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, BigDecimal> most = new HashMap<>();
        figures.forEach((name, mebibytes) -> {
            assertTrue(String.valueOf(mebibytes).matches("[1-9]\\d*"), MEASURED + ": " + name + " is a whole number of MiB");
            most.put((String) name, new BigDecimal((String) mebibytes).multiply(MIB));
        });
        return most;
    }

    /** users-service, users, kubenet-liberty/users-service:1.0.0 -> users; web-frontend -> frontend; postgres:17 -> postgres. */
    private static String measuredName(String nameOrImage) {
        return folderOf(nameOrImage).replaceFirst(":.*", "").replaceFirst("-service$", "").replaceFirst("^web-", "");
    }

    /** PostgreSQL's settings given on its command line: {@code -c name=value}. */
    private static Map<String, String> settings(Map<String, Object> server) {
        List<Object> args = list(server.get("args"));
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if ("-c".equals(args.get(i))) {
                String[] setting = String.valueOf(args.get(i + 1)).split("=", 2);
                settings.put(setting[0], setting[1]);
            }
        }
        return settings;
    }

    /** The workloads whose DB_URL names a Service that selects the PostgreSQL pods. */
    private static List<KubernetesObject> clientsOf(ManifestSet set, KubernetesObject postgres) {
        List<KubernetesObject> clients = new ArrayList<>();
        for (KubernetesObject workload : set.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                Matcher host = DATABASE_HOST.matcher(String.valueOf(environment(container).get("DB_URL")));
                if (!host.matches()) {
                    continue;
                }
                String[] name = host.group(1).split("\\.");
                String namespace = name.length > 1 ? name[1] : namespaceOf(workload);
                set.find("Service", namespace, name[0]).ifPresent(service -> {
                    Map<String, Object> selector = map(map(service.fields().get("spec")).get("selector"));
                    if (set.workloadsSelectedBy(selector, namespace).contains(postgres) && !clients.contains(workload)) {
                        clients.add(workload);
                    }
                });
            }
        }
        return clients;
    }

    /** The connection pool's bound in the service's server.xml (unbounded, Liberty would allow 50). */
    private static int maxPoolSize(String service) {
        Matcher pool = POOL.matcher(Repository.read(service + "/src/main/liberty/config/server.xml"));
        assertTrue(pool.find(), service + ": the dataSource's connectionManager states maxPoolSize");
        return Integer.parseInt(pool.group(1));
    }

    /** What the namespace's objects need at most, for each resource a ResourceQuota here limits. */
    private static Map<String, BigDecimal> neededBy(ManifestSet set, String namespace) {
        Map<String, BigDecimal> needed = new HashMap<>();
        for (String resource : List.of("pods", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory",
                "persistentvolumeclaims", "requests.storage", "services", "services.loadbalancers")) {
            needed.put(resource, BigDecimal.ZERO);
        }
        for (KubernetesObject workload : set.workloads()) {
            if (!namespaceOf(workload).equals(namespace)) {
                continue;
            }
            BigDecimal pods = BigDecimal.valueOf(maxPods(workload));
            needed.merge("pods", pods, BigDecimal::add);
            for (Map<String, Object> container : containers(workload)) {
                Map<String, Object> resources = map(container.get("resources"));
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        Object amount = map(resources.get(kind)).get(resource);
                        if (amount != null) {
                            needed.merge(kind + "." + resource, pods.multiply(quantity(amount)), BigDecimal::add);
                        }
                    }
                }
            }
            // A StatefulSet's volumes: one claim per replica and template, which outlives the pod.
            BigDecimal replicas = BigDecimal.valueOf((Integer) map(workload.fields().get("spec")).getOrDefault("replicas", 1));
            for (Object template : list(map(workload.fields().get("spec")).get("volumeClaimTemplates"))) {
                needed.merge("persistentvolumeclaims", replicas, BigDecimal::add);
                Object storage = map(map(map(map(template).get("spec")).get("resources")).get("requests")).get("storage");
                needed.merge("requests.storage", replicas.multiply(quantity(storage)), BigDecimal::add);
            }
        }
        for (KubernetesObject service : set.ofKind("Service")) {
            if (namespaceOf(service).equals(namespace)) {
                needed.merge("services", BigDecimal.ONE, BigDecimal::add);
                if ("LoadBalancer".equals(map(service.fields().get("spec")).get("type"))) {
                    needed.merge("services.loadbalancers", BigDecimal.ONE, BigDecimal::add);
                }
            }
        }
        return needed;
    }

    private static BigDecimal quantity(Object value) {
        return Quantity.fromString(String.valueOf(value)).getNumber();
    }

    private static String mebibytes(BigDecimal bytes) {
        return bytes.divide(MIB, 1, RoundingMode.UP).toPlainString();
    }
}
