package dev.kubenet.auth.password;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.authapi.TokenApi;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.junit.jupiter.api.Test;

class PasswordWorkQueueTest {

    /** One PBKDF2 hash at 600,000 iterations on one core of this project's machines: about a quarter of a second. */
    private static final long HASH_MILLIS = 250;

    @Test
    void theLastRequestInAFullQueueFinishesWithinTheTimeCallersWait() throws Exception {
        Bulkhead bulkhead = PasswordWorkQueue.class.getMethod("run", Supplier.class).getAnnotation(Bulkhead.class);
        long lastDoneMillis = (bulkhead.value() + bulkhead.waitingTaskQueue()) * HASH_MILLIS / bulkhead.value();
        long callersWaitMillis = Long.parseLong(authApiConfig().getProperty("auth.password.timeout.ms"));
        assertTrue(lastDoneMillis <= callersWaitMillis, "the last of " + bulkhead.waitingTaskQueue() + " queued "
                + "requests is done after about " + lastDoneMillis + " ms; callers wait " + callersWaitMillis + " ms");
    }

    private static Properties authApiConfig() throws IOException {
        Properties config = new Properties();
        try (InputStream in = TokenApi.class
                .getResourceAsStream("/META-INF/microprofile-config.properties")) {
            config.load(in);
        }
        return config;
    }
}
