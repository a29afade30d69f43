package dev.kubenet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The web-frontend's nginx template, rendered as its image renders it and checked by a real nginx. */
final class NginxConfig {

    private static final Pattern FILTER = Pattern.compile("NGINX_ENVSUBST_FILTER=\"\\^\\(([^)]+)\\)\\$\"");

    private NginxConfig() {
    }

    /**
     * envsubst limited to the variables of the image's NGINX_ENVSUBST_FILTER, as the image's entrypoint runs it:
     * those become their values (or empty), every other $name is nginx's own and stays.
     */
    static String render(Map<String, String> values) {
        String config = Repository.read("web-frontend/nginx/templates/default.conf.template");
        for (String variable : templateVariables()) {
            config = config.replace("${" + variable + "}", values.getOrDefault(variable, ""));
        }
        return config;
    }

    /** The variables the image renders into the template: its NGINX_ENVSUBST_FILTER. */
    static List<String> templateVariables() {
        Matcher filter = FILTER.matcher(Repository.read("web-frontend/Dockerfile"));
        if (!filter.find()) {
            throw new IllegalStateException("web-frontend/Dockerfile has no NGINX_ENVSUBST_FILTER");
        }
        return List.of(filter.group(1).split("\\|"));
    }

    /** The first version of nginx whose upstream servers take "resolve", which the template uses. */
    static final int[] RESOLVE_SINCE = {1, 27, 3};

    private static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^(\\s*server )[^\\s:;]+(:\\d+) resolve;$");

    /**
     * nginx -t on the rendered server block, inside a minimal main configuration like the image's. This machine has
     * Debian's nginx 1.22, older than the image's: it knows no "resolve" on upstream servers, and it would look
     * their names up at once (Compose's and Kubernetes' names do not resolve here), so the check gives the upstream
     * servers loopback addresses with the same ports and no "resolve". Everything else is checked as it is.
     */
    static void test(String serverConfig, Path prefix) throws IOException {
        assertFalse(serverConfig.contains("${"), "every template variable has a value");
        Matcher upstream = UPSTREAM_SERVER.matcher(serverConfig);
        assertTrue(upstream.find(), "the upstream servers are looked up again as their DNS changes:\n" + serverConfig);
        Path server = Files.writeString(prefix.resolve("default.conf"), upstream.replaceAll("$1127.0.0.1$2;"));
        Path main = Files.writeString(prefix.resolve("nginx.conf"), """
                pid %1$s/nginx.pid;
                error_log stderr;
                events {}
                http {
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    include %2$s;
                }
                """.formatted(prefix, server));
        Command result = Command.run(prefix, nginx(), "-t", "-q", "-p", prefix.toString(), "-c", main.toString());
        assertEquals(0, result.exitCode(), "nginx -t:\n" + result.output() + "\n" + serverConfig);
    }

    private static String nginx() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }
}
