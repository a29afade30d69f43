package dev.kubenet.deploy;

import static dev.kubenet.deploy.KubernetesObject.list;
import static dev.kubenet.deploy.KubernetesObject.map;
import static dev.kubenet.deploy.ManifestSet.containers;
import static dev.kubenet.deploy.ManifestSet.folderOf;
import static dev.kubenet.deploy.ManifestSet.namespaceOf;
import static dev.kubenet.deploy.ManifestSet.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pod that is deleted (a rollout, a drain, a scale-down) finishes what it was asked before it goes: each container
 * pauses in preStop while the Service stops sending it requests, then stops on its own signal, and the kubelet waits
 * long enough for both before it kills; a voluntary disruption takes one pod of a service at a time. The container
 * tests stop pods under load and count what is lost; this checks that every manifest asks for it.
 */
class GracefulStopTest {

    /** The most a Liberty server waits for requests in flight once it is told to stop (its quiesce). */
    private static final int LIBERTY_QUIESCE_SECONDS = 30;
    /** What a server needs after its wait to close its pools and exit. */
    private static final int EXIT_SECONDS = 5;
    /** The least time for kube-proxy and the load balancer to take a deleted pod out of the Service. */
    private static final int LEAST_PRE_STOP_SECONDS = 5;
    private static final Pattern PROXY_READ_TIMEOUT = Pattern.compile("(?m)^\\s*proxy_read_timeout (\\d+)s;");

    static List<ManifestSet> sets() {
        return ManifestSet.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void everyPodWaitsForItsRequestsBeforeTheKubeletKillsIt(ManifestSet set) {
        for (KubernetesObject deployment : set.ofKind("Deployment")) {
            int grace = (Integer) podSpec(deployment).getOrDefault("terminationGracePeriodSeconds", 30);
            for (Map<String, Object> container : containers(deployment)) {
                String where = set + " " + deployment + " container " + container.get("name");
                int pause = preStopSleep(container, where);
                assertTrue(pause >= LEAST_PRE_STOP_SECONDS, where + " pauses " + pause + " s in preStop, less than the "
                        + LEAST_PRE_STOP_SECONDS + " s a Service needs to stop sending it requests");
                int stop = stopSeconds(folderOf((String) container.get("image")));
                assertTrue(grace >= pause + stop + EXIT_SECONDS, where + ": terminationGracePeriodSeconds " + grace
                        + " is less than its preStop pause (" + pause + " s), the longest its requests may run once "
                        + "it is told to stop (" + stop + " s) and " + EXIT_SECONDS + " s to exit");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void aDrainTakesAtMostOnePodOfEachServiceAtATime(ManifestSet set) {
        for (KubernetesObject deployment : set.ofKind("Deployment")) {
            List<KubernetesObject> budgets = set.ofKind("PodDisruptionBudget").stream()
                    .filter(budget -> covered(set, budget).contains(deployment)).toList();
            assertEquals(1, budgets.size(), set + " " + deployment + " is covered by one PodDisruptionBudget: "
                    + budgets);
            // maxUnavailable, not minAvailable: with one replica (dev) a drain still proceeds.
            assertEquals(1, map(budgets.get(0).fields().get("spec")).get("maxUnavailable"),
                    set + " " + budgets.get(0) + ": maxUnavailable");
        }
        for (KubernetesObject budget : set.ofKind("PodDisruptionBudget")) {
            assertTrue(covered(set, budget).stream().anyMatch(workload -> "Deployment".equals(workload.kind())),
                    set + " " + budget + " selects a Deployment's pods");
        }
    }

    /** A rollout or the loss of one pod leaves each service, the web front end too, with a pod that serves. */
    @Test
    void deployRunsTwoPodsOfEveryService() {
        for (KubernetesObject deployment : ManifestSet.deployFolder().ofKind("Deployment")) {
            assertTrue((Integer) map(deployment.fields().get("spec")).getOrDefault("replicas", 1) >= 2,
                    deployment + " has two replicas or more");
        }
    }

    /** The workloads whose pods the budget's selector picks, in its namespace. */
    private static List<KubernetesObject> covered(ManifestSet set, KubernetesObject budget) {
        return set.workloadsSelectedByLabelSelector(map(map(budget.fields().get("spec")).get("selector")),
                namespaceOf(budget));
    }

    private static int preStopSleep(Map<String, Object> container, String where) {
        List<Object> command = list(map(map(map(container.get("lifecycle")).get("preStop")).get("exec"))
                .get("command"));
        assertEquals(2, command.size(), where + ": preStop is exec sleep <seconds>, not " + command);
        assertEquals("sleep", command.get(0), where + ": preStop is exec sleep <seconds>, not " + command);
        return Integer.parseInt((String) command.get(1));
    }

    /** How long the container's server may keep working once it has its stop signal. */
    private static int stopSeconds(String image) {
        if (image.equals("web-frontend")) {
            // nginx's SIGQUIT waits for every request in flight, which waits for its upstream at most this long.
            Matcher timeout = PROXY_READ_TIMEOUT.matcher(
                    Repository.read("web-frontend/nginx/templates/default.conf.template"));
            assertTrue(timeout.find(), "web-frontend's nginx template sets proxy_read_timeout in seconds");
            return Integer.parseInt(timeout.group(1));
        }
        assertTrue(Files.exists(Repository.path(image + "/src/main/liberty/config/server.xml")),
                "a Deployment runs " + image + ", neither nginx nor a Liberty server: this test knows no stop time");
        return LIBERTY_QUIESCE_SECONDS;
    }
}
