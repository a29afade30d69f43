package dev.kubenet.common.authclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.Collections;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;

/**
 * The @Timeout annotations of {@link AuthServiceCalls} carry no number: each takes its value from MicroProfile Config.
 * A method renamed without its key would silently fall back to Fault Tolerance's default of one second.
 */
class TimeoutConfigTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    @Test
    void everyTimeoutOfTheCallsIsAConfiguredNumberOfMilliseconds() throws IOException {
        Properties config = allConfigFiles();
        int timeouts = 0;
        for (Method method : AuthServiceCalls.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Timeout.class)) {
                timeouts++;
                String key = AuthServiceCalls.class.getName() + "/" + method.getName() + "/Timeout/value";
                String value = config.getProperty(key);
                assertTrue(value != null, key + " is configured");
                Matcher reference = REFERENCE.matcher(value);
                String millis = reference.matches() ? config.getProperty(reference.group(1)) : value;
                assertTrue(millis != null && millis.matches("[1-9][0-9]*"), key + " is a number of ms: " + millis);
            }
        }
        assertEquals(4, timeouts, "hashPassword, issueToken, verifiedToken and revokeToken");
    }

    /** What MicroProfile Config reads in a service that uses this client: every such file on its class path. */
    private static Properties allConfigFiles() throws IOException {
        Properties config = new Properties();
        for (URL file : Collections.list(
                AuthServiceCalls.class.getClassLoader().getResources("META-INF/microprofile-config.properties"))) {
            try (InputStream in = file.openStream()) {
                config.load(in);
            }
        }
        return config;
    }
}
