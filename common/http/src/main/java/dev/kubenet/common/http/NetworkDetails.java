package dev.kubenet.common.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this service tells each caller, in a {@code Server-Timing} header, which hops the request took: the switch
 * {@code network.details} ({@code NETWORK_DETAILS=true}), off unless set, since it tells outsiders about the inside
 * (host names, addresses). {@code ./run.sh}, Compose and the course's Kubernetes manifests turn it on; the prod
 * overlay turns it off. Which service and which host answered: {@code kubenet.service.name} (each service's
 * {@code microprofile-config.properties}) and the pod or host name ({@code POD_NAME}, else {@code HOSTNAME}, which
 * Kubernetes sets to the pod's name and Compose to the {@code hostname} compose.yaml gives, else the machine's name, as for {@code ./run.sh},
 * whose shell does not export {@code HOSTNAME}). On Kubernetes the node the pod runs on too: {@code NODE_NAME}, which the
 * manifests fill from the Downward API ({@code spec.nodeName}); elsewhere there is no node to name.
 */
@ApplicationScoped
public class NetworkDetails {

    @Inject
    @ConfigProperty(name = "network.details", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "kubenet.service.name", defaultValue = "service")
    String serviceName;

    @Inject
    @ConfigProperty(name = "POD_NAME")
    Optional<String> podName;

    @Inject
    @ConfigProperty(name = "HOSTNAME")
    Optional<String> hostName;

    @Inject
    @ConfigProperty(name = "NODE_NAME")
    Optional<String> nodeName;

    private String host;
    private String[] whereItRuns;

    @PostConstruct
    void findHost() {
        host = podName.or(() -> hostName).map(String::strip).filter(name -> !name.isEmpty())
                .orElseGet(NetworkDetails::machineName);
        // Once, not on every answer: neither changes while the server runs.
        whereItRuns = nodeName.map(String::strip).filter(name -> !name.isEmpty())
                .map(node -> new String[] {"host", host, "node", node})
                .orElseGet(() -> new String[] {"host", host});
    }

    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public String serviceName() {
        return serviceName;
    }

    public String host() {
        return host;
    }

    /**
     * Where this service runs, as a Server-Timing description's keys and values: the host, and the node if known.
     * The same array every time: read it, do not change it.
     */
    public String[] whereItRuns() {
        return whereItRuns;
    }
}
