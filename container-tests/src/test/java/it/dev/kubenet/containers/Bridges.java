package it.dev.kubenet.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Keeps the MAC address of each network's bridge what it is, as Kubernetes' CNI bridge plugin, Docker and netavark
 * from 1.9 on do (Debian 12 has netavark 1.4). A bridge whose address was never set takes the lowest address among
 * its ports: when the container that has it leaves, the bridge's address changes, and every other container on the
 * network goes on sending to the old one until its ARP entry expires, tens of seconds in which the host (the
 * network's gateway, where the tests' clients are) hears nothing from them.
 */
final class Bridges {

    private static final Duration COMMAND = Duration.ofMinutes(1);

    private Bridges() {
    }

    /**
     * Sets each network's bridge to the address it has now, which no port leaving or joining changes after that. A
     * network that no container has joined has no bridge yet and is left for a later call.
     */
    static void pin(Shell shell, Collection<String> networks) {
        for (String network : networks) {
            String bridge = shell.podman(COMMAND, "network", "inspect", "--format", "{{.NetworkInterface}}", network)
                    .strip();
            Path device = Path.of("/sys/class/net", bridge);
            try {
                // 3: NET_ADDR_SET, an address given by a user, which the kernel keeps.
                if (bridge.isEmpty() || !Files.isDirectory(device)
                        || Files.readString(device.resolve("addr_assign_type")).strip().equals("3")) {
                    continue;
                }
                String address = Files.readString(device.resolve("address")).strip();
                shell.succeed(COMMAND, List.of("ip", "link", "set", "dev", bridge, "address", address));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
