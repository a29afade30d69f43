package dev.kubenet.auth.password;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.authapi.TokenApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
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

    /** Every microprofile-config.properties on the class path, as MicroProfile Config reads them: auth-api's too. */
    private static Properties authApiConfig() throws IOException {
        Properties config = new Properties();
        for (URL file : Collections.list(TokenApi.class.getClassLoader()
                .getResources("META-INF/microprofile-config.properties"))) {
            try (InputStream in = file.openStream()) {
                config.load(in);
            }
        }
        return config;
    }
}
