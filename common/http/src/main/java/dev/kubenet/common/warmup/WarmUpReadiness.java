package dev.kubenet.common.warmup;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Runs every {@link WarmUp} of the application once, one after another, as it starts; not ready until they are done,
 * whatever their outcome. {@code /health/ready} lists each with its outcome and time.
 */
@Readiness
@ApplicationScoped
public class WarmUpReadiness implements HealthCheck {

    static final String CHECK = "warm-up";
    private static final Logger LOG = Logger.getLogger(WarmUpReadiness.class.getName());

    @Inject
    Instance<WarmUp> warmUps;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private volatile CompletableFuture<Map<String, String>> outcomes = new CompletableFuture<>();

    /** After the other start-up observers (the database migration among them), so the paths find the schema. */
    void atStartup(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) @Initialized(ApplicationScoped.class)
            Object event) {
        outcomes = executor.supplyAsync(this::runAll);
    }

    private Map<String, String> runAll() {
        Map<String, String> done = new TreeMap<>();
        for (WarmUp warmUp : warmUps) {
            long start = System.nanoTime();
            String outcome;
            try {
                outcome = warmUp.run();
            } catch (RuntimeException e) {
                outcome = "failed (" + e.getClass().getSimpleName() + ")";
            }
            String line = outcome + " in " + (System.nanoTime() - start) / 1_000_000 + " ms";
            LOG.info(() -> "Warmed up before taking traffic, " + warmUp.name() + ": " + line);
            done.put(warmUp.name(), line);
        }
        return done;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> done = outcomes.getNow(null);
        if (done == null) {
            return HealthCheckResponse.named(CHECK).down().withData("running", "the first requests' paths").build();
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named(CHECK).up();
        done.forEach(response::withData);
        return response.build();
    }
}
