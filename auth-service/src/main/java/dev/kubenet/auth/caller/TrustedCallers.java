package dev.kubenet.auth.caller;

import dev.kubenet.common.authapi.PemKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public keys of the services that may call auth-service, from the folder named by {@code CALLER_KEYS_DIR}: a file
 * {@code <service>.pem}, or {@code <service>.<anything>.pem}, for each key (a Kubernetes Secret or a Compose secret
 * mounted as that folder). A service may have two keys while its key is changed: the old one and the new one.
 * <p>
 * Without the folder, or with one that holds a key published in this repository, auth-service answers no one (its
 * readiness and log say why), unless {@code INSECURE_DEVELOPMENT_KEYS=true}: then the repository's development keys
 * are trusted too, as dev mode and the integration tests need.
 */
@ApplicationScoped
public class TrustedCallers {

    private static final Logger LOG = Logger.getLogger(TrustedCallers.class.getName());
    /** The services whose development keys the repository publishes. */
    static final List<String> DEVELOPMENT_CALLERS = List.of("users-service", "tasks-service");

    @Inject
    @ConfigProperty(name = "caller.keys.dir")
    Optional<String> keysDir;

    @Inject
    @ConfigProperty(name = "insecure.development.keys", defaultValue = "false")
    boolean developmentKeys;

    private Map<String, List<PublicKey>> keys = Map.of();
    private Optional<String> problem = Optional.empty();

    TrustedCallers() {
    }

    TrustedCallers(Optional<String> keysDir, boolean developmentKeys) {
        this.keysDir = keysDir;
        this.developmentKeys = developmentKeys;
        load();
    }

    @PostConstruct
    void load() {
        Map<String, List<PublicKey>> loaded = new TreeMap<>();
        try {
            if (keysDir.isPresent()) {
                readFolder(Path.of(keysDir.get()), loaded);
            } else if (!developmentKeys) {
                throw new IllegalStateException("CALLER_KEYS_DIR is not set, so auth-service knows no caller's key "
                        + "and answers no one. Make the keys with scripts/secrets.sh (on a developer's machine, "
                        + "INSECURE_DEVELOPMENT_KEYS=true trusts the repository's development keys).");
            }
            if (developmentKeys) {
                DEVELOPMENT_CALLERS.forEach(caller -> loaded.computeIfAbsent(caller, name -> new ArrayList<>())
                        .add(developmentKey(caller).orElseThrow()));
                LOG.warning("auth-service trusts the repository's published development keys "
                        + "(INSECURE_DEVELOPMENT_KEYS=true): for a developer's machine only.");
            }
            // In name order, as the readiness check lists them.
            keys = Collections.unmodifiableMap(loaded);
            LOG.info(() -> "Callers auth-service answers, by their keys: " + keys.keySet());
        } catch (IllegalStateException e) {
            problem = Optional.of(e.getMessage());
            LOG.severe(e.getMessage());
        }
    }

    private void readFolder(Path folder, Map<String, List<PublicKey>> loaded) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            // Kubernetes mounts a Secret's files beside hidden folders of its own (..data): only the keys count.
            files = listed.filter(file -> file.getFileName().toString().endsWith(".pem")
                    && !file.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("CALLER_KEYS_DIR (" + folder + ") cannot be read: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("CALLER_KEYS_DIR (" + folder + ") holds no <service>.pem file, so "
                    + "auth-service answers no one. Make the keys with scripts/secrets.sh.");
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String caller = name.substring(0, name.indexOf('.'));
            PublicKey key = PemKeys.publicKey(read(file), file.toString());
            if (!developmentKeys && isDevelopmentKey(key)) {
                throw new IllegalStateException(file + " is the repository's published development key of " + caller
                        + ", which anyone can sign with. Make the service its own key: scripts/secrets.sh");
            }
            loaded.computeIfAbsent(caller, any -> new ArrayList<>()).add(key);
        }
    }

    /** Each caller's public keys; empty when auth-service must answer no one ({@link #problem()}). */
    public Map<String, List<PublicKey>> keys() {
        return keys;
    }

    /** Why auth-service answers no one, if it does not. */
    public Optional<String> problem() {
        return problem;
    }

    private static boolean isDevelopmentKey(PublicKey key) {
        return DEVELOPMENT_CALLERS.stream().map(TrustedCallers::developmentKey).flatMap(Optional::stream)
                .anyMatch(published -> Arrays.equals(published.getEncoded(), key.getEncoded()));
    }

    private static Optional<PublicKey> developmentKey(String caller) {
        return PemKeys.developmentKey(caller + ".pem")
                .map(pem -> PemKeys.publicKey(pem, "the development key of " + caller));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(file + " cannot be read: " + e.getMessage());
        }
    }
}
