package dev.kubenet.common.authclient;

import dev.kubenet.common.authapi.BearerToken;
import dev.kubenet.common.authapi.HashedPasswordApi;
import dev.kubenet.common.authapi.IssuedToken;
import dev.kubenet.common.authapi.PasswordToHash;
import dev.kubenet.common.authapi.TokenApi;
import dev.kubenet.common.authapi.TokenRequest;
import dev.kubenet.common.authapi.VerifiedToken;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The calls to auth-service themselves, for {@link AuthServiceClient}. Every call has a timeout and each operation a
 * circuit breaker, so a dead or slow auth-service costs callers a quick 503 instead of a hang, and calls resume by
 * themselves once it is back. Only token verification is retried: it is a cheap, idempotent read, whereas hashing is
 * deliberately slow and retrying it would multiply the load on an auth-service that is already struggling. Revoking a
 * token is retried too: as cheap, and idempotent.
 * <p>
 * A circuit opens when six of the last eight calls failed: with half, the failures of an outage that is over could
 * still open it a few calls after auth-service is back.
 * <p>
 * The timeouts are set in MicroProfile Config ({@code META-INF/microprofile-config.properties} of this module and of
 * common-auth-api), so each number is written once and can be changed without a rebuild. The socket's read timeout
 * is the longest of them: a backstop for a read that its call's timeout could not interrupt, it never ends a call that
 * the call's timeout still allows.
 */
@ApplicationScoped
public class AuthServiceCalls {

    private static final Logger LOG = Logger.getLogger(AuthServiceCalls.class.getName());

    @Inject
    @ConfigProperty(name = "AUTH_ADDRESS")
    Optional<String> authAddress;

    @Inject
    @ConfigProperty(name = "AUTH_SERVICE_SERVICE_HOST")
    Optional<String> serviceHost;

    @Inject
    @ConfigProperty(name = "AUTH_SERVICE_SERVICE_PORT")
    Optional<String> servicePort;

    @Inject
    @ConfigProperty(name = "auth.password.timeout.ms")
    long passwordTimeoutMillis;

    @Inject
    @ConfigProperty(name = "auth.verify.timeout.ms")
    long verifyTimeoutMillis;

    @Inject
    @ConfigProperty(name = "auth.connect.timeout.ms")
    long connectTimeoutMillis;

    @Inject
    CallerIdentity identity;

    /** Liberty's, so the threads below run with the application's class loader and context. */
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    /**
     * The threads on which the REST client makes the calls whose answer is a CompletionStage (hashing, logging in).
     * Not Liberty's default executor, which also runs the requests: a burst of signups for one email holds its threads
     * (each waits for the signup in progress, {@code OneSignupPerEmail}), and the one in progress would queue its call
     * behind them until Liberty adds threads, seconds later, past the call's timeout.
     */
    private ExecutorService callThreads;
    private AuthServiceAddress address;
    private HashedPasswordApi passwords;
    private TokenApi tokens;

    /**
     * Creates this bean, and so resolves the address, as the application starts: the log then says at once which way
     * of finding auth-service is in use, and a malformed AUTH_ADDRESS stops the start-up with a message that names it.
     * The first call is made by {@link AuthServiceWarmUp}.
     */
    void resolveAddressAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.fine(() -> "auth-service client ready for " + address.uri());
    }

    @PostConstruct
    void resolveAddressAndBuildClients() {
        address = AuthServiceAddress.resolve(authAddress, serviceHost, servicePort);
        LOG.info(() -> "auth-service address: " + address);
        callThreads = Executors.newCachedThreadPool(threadFactory);
        passwords = restClient(HashedPasswordApi.class);
        tokens = restClient(TokenApi.class);
    }

    @PreDestroy
    void stopCallThreads() {
        callThreads.shutdownNow();
    }

    AuthServiceAddress address() {
        return address;
    }

    private <T> T restClient(Class<T> api) {
        return RestClientBuilder.newBuilder()
                .baseUri(address.uri())
                .connectTimeout(connectTimeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(Math.max(passwordTimeoutMillis, verifyTimeoutMillis), TimeUnit.MILLISECONDS)
                .register(new CallerAssertionFilter(identity))
                .executorService(callThreads)
                .build(api);
    }

    @Timeout // auth.password.timeout.ms
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 3000, skipOn = AuthServiceBusyException.class)
    public String hashPassword(String password) {
        try {
            return await(passwords.hashPassword(new PasswordToHash(password))).hashedPassword();
        } catch (WebApplicationException e) {
            throw failed(e);
        } catch (ProcessingException e) {
            throw unavailable(e);
        }
    }

    /** A token for the user when the password matches the stored hash; empty when it does not. */
    @Timeout // auth.password.timeout.ms
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 3000, skipOn = AuthServiceBusyException.class)
    public Optional<IssuedToken> issueToken(String userId, String password, String hashedPassword) {
        return emptyIfRejected(() -> await(tokens.issueToken(new TokenRequest(userId, password, hashedPassword))));
    }

    /** Whose a bearer token is and until when; empty when auth-service rejects the token. */
    @Timeout // auth.verify.timeout.ms
    @Retry(maxRetries = 1, delay = 100, jitter = 50, retryOn = AuthServiceUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 3000)
    public Optional<VerifiedToken> verifiedToken(String token) {
        return emptyIfRejected(() -> tokens.verifyToken(BearerToken.header(token)));
    }

    /**
     * Revokes a bearer token (log out): true once auth-service has stored the revocation, false when it rejects the
     * token. Retried like verification: revoking is idempotent (a token revoked twice stays revoked) and cheap.
     */
    @Timeout // auth.verify.timeout.ms
    @Retry(maxRetries = 1, delay = 100, jitter = 50, retryOn = AuthServiceUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 3000)
    public boolean revokeToken(String token) {
        return emptyIfRejected(() -> {
            tokens.revokeToken(BearerToken.header(token));
            return Boolean.TRUE;
        }).isPresent();
    }

    /**
     * A 401 from auth-service is an answer, "no", and returns empty: it must not count as a failure for the circuit
     * breaker; nor does a 429, "too much password work at once" ({@link AuthServiceBusyException}). Anything else that
     * goes wrong means auth-service is unavailable.
     */
    private <T> Optional<T> emptyIfRejected(Supplier<T> request) {
        try {
            return Optional.ofNullable(request.get());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 401) {
                return Optional.empty();
            }
            throw failed(e);
        } catch (ProcessingException e) {
            throw unavailable(e);
        }
    }

    /**
     * The answer of a call that the REST client makes on another thread, or its failure as the REST client reported
     * it (a WebApplicationException for an HTTP error, a ProcessingException when there was no answer).
     */
    private static <T> T await(CompletionStage<T> call) {
        CompletableFuture<T> answer = call.toCompletableFuture();
        try {
            return answer.get();
        } catch (InterruptedException e) {
            // Fault Tolerance interrupts the calling thread when the call's @Timeout runs out.
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProcessingException("no answer within the call's timeout");
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            while (failure instanceof CompletionException && failure.getCause() != null) {
                failure = failure.getCause();
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ProcessingException(failure);
        }
    }

    /** An HTTP error from auth-service: its 429 means its password work is full, anything else that it is unavailable. */
    private WebApplicationException failed(WebApplicationException e) {
        return e.getResponse().getStatus() == 429 ? new AuthServiceBusyException(e) : unavailable(e);
    }

    private AuthServiceUnavailableException unavailable(RuntimeException e) {
        String reason = e instanceof WebApplicationException wae
                ? "answered HTTP " + wae.getResponse().getStatus()
                : "unreachable: " + rootMessage(e);
        LOG.warning(() -> "auth-service at " + address.uri() + " " + reason);
        return new AuthServiceUnavailableException("auth-service " + reason, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
