package dev.kubenet.common.authapi;

/**
 * How a service proves to auth-service which service it is. Each caller (users-service, tasks-service) holds a private
 * key of its own and sends, with every call, a short-lived JWT that it signed with it (a client assertion, as in
 * RFC 7523): issuer and subject its service name, audience auth-service, ES256. auth-service holds only the callers'
 * public keys, so a key read from auth-service cannot be used to call it as anyone, and answers each route only to
 * the callers that need it. The assertion goes in its own header because {@code Authorization} carries the user's
 * token that the call is about.
 */
public final class CallerAssertion {

    public static final String HEADER = "Service-Authorization";
    public static final String AUDIENCE = "auth-service";
    /** An assertion lives this long at most: one that leaks is of use for minutes, and a caller makes a new one. */
    public static final long MAX_LIFETIME_SECONDS = 300;
    /**
     * Where the repository's development keys are on the class path: the callers' private keys (common-auth-client)
     * and their public keys (here), {@code <service>.key} and {@code <service>.pem}. They are published, so they are
     * used only where {@code INSECURE_DEVELOPMENT_KEYS=true} (dev mode, the integration tests' servers).
     */
    public static final String DEVELOPMENT_KEYS = "META-INF/development-keys/";

    private CallerAssertion() {
    }
}
