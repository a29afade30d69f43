package dev.kubenet.common.authclient;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where auth-service is, decided the way the course teaches it, in this order:
 * <ol>
 *   <li>{@code AUTH_ADDRESS}: a {@code host} or {@code host:port} that you set: {@code localhost} (same pod),
 *       a ClusterIP such as {@code 10.106.23.46}, a DNS name such as {@code auth-service.default}, or a Compose
 *       service name such as {@code auth};</li>
 *   <li>{@code AUTH_SERVICE_SERVICE_HOST} and {@code AUTH_SERVICE_SERVICE_PORT}: what Kubernetes injects into a pod
 *       for a Service named {@code auth-service} that existed when the pod started;</li>
 *   <li>{@code localhost:8070}: auth-service's default port on a developer's machine.</li>
 * </ol>
 * A host without a port means port 80, as in any {@code http://} URL.
 *
 * @param uri    the base URI of auth-service
 * @param source which of the three above gave it, for the log line that tells a reader which pattern is in use
 */
public record AuthServiceAddress(URI uri, String source) {

    static final String LOCAL_DEFAULT = "localhost:8070";

    public static AuthServiceAddress resolve(Optional<String> authAddress, Optional<String> serviceHost,
                                             Optional<String> servicePort) {
        Optional<String> address = authAddress.map(String::strip).filter(value -> !value.isEmpty());
        if (address.isPresent()) {
            return new AuthServiceAddress(toUri(address.get(), "AUTH_ADDRESS"), "AUTH_ADDRESS");
        }
        Optional<String> host = serviceHost.map(String::strip).filter(value -> !value.isEmpty());
        if (host.isPresent()) {
            String port = servicePort.map(String::strip).filter(value -> !value.isEmpty()).orElse("80");
            String hostPort = bracketed(host.get()) + ":" + port;
            return new AuthServiceAddress(toUri(hostPort, "AUTH_SERVICE_SERVICE_HOST/_PORT"),
                    "AUTH_SERVICE_SERVICE_HOST/_PORT");
        }
        return new AuthServiceAddress(toUri(LOCAL_DEFAULT, "default"), "default");
    }

    /** Kubernetes gives IPv6 ClusterIPs without brackets; a URI needs them. */
    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static URI toUri(String hostPort, String setting) {
        try {
            URI uri = new URI("http://" + hostPort);
            boolean onlyHostAndPort = uri.getHost() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (onlyHostAndPort && (uri.getPort() == -1 || uri.getPort() <= 65535)) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with the setting's name
        }
        throw new IllegalArgumentException(setting + " must be a host or host:port such as auth-service.default or "
                + "localhost:8070 (no scheme, no path); it is '" + hostPort + "'");
    }

    @Override
    public String toString() {
        return uri + " (from " + source + ")";
    }
}
