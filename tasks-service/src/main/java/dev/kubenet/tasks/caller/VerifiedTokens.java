package dev.kubenet.tasks.caller;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.kubenet.common.authapi.VerifiedToken;
import dev.kubenet.common.authclient.AuthServiceClient;
import dev.kubenet.common.http.NetworkDetails;
import dev.kubenet.common.http.ServerTiming;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * auth-service's "yes" for a bearer token, remembered for a few seconds: a user clicking through the UI then costs
 * auth-service one call per {@code token.cache.seconds} instead of one per request, which is most of the price of a
 * {@code GET /tasks} (see BENCHMARKS.md). An answer is never remembered beyond the token's own expiry; a "no" is not
 * remembered at all; the number of tokens held is bounded. {@code token.cache.seconds=0} asks auth-service every time,
 * as the original course system does.
 * <p>
 * The cost: while auth-service is down, a token it verified in the last few seconds still works until then; and a
 * token logged out in the meantime too: each replica refuses a logged-out token at most {@code token.cache.seconds}
 * after the logout (the bound docs/security.md states, and LogoutIT in system-tests checks).
 * <p>
 * How well it works shows in {@code /metrics} (MicroProfile Metrics, application scope): the counter
 * {@code verifiedTokens_lookups_total} with {@code answer="cache"} or {@code answer="auth-service"}, and the gauge
 * {@code verifiedTokens_cacheHitRatio}, the share of lookups that the cache answered since the start.
 */
@ApplicationScoped
public class VerifiedTokens {

    @Inject
    AuthServiceClient auth;

    @Inject
    NetworkDetails details;

    @Inject
    MetricRegistry metrics;

    @Inject
    ServerTiming timing;

    @Inject
    @ConfigProperty(name = "token.cache.seconds", defaultValue = "10")
    long maxAgeSeconds;

    @Inject
    @ConfigProperty(name = "token.cache.size", defaultValue = "10000")
    long maxSize;

    Clock clock = Clock.systemUTC();
    private Cache<String, VerifiedToken> verified;
    private Counter answeredByCache;
    private Counter answeredByAuthService;

    @PostConstruct
    void init() {
        verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.creating((String token, VerifiedToken verifiedToken) -> timeToKeep(verifiedToken)))
                // Clean-up runs on the request's own thread: no work on threads the server doesn't manage.
                .executor(Runnable::run)
                .build();
        Metadata lookups = Metadata.builder().withName("verifiedTokens.lookups")
                .withDescription("Token verifications, by what answered: the cache or a call to auth-service").build();
        answeredByCache = metrics.counter(lookups, new Tag("answer", "cache"));
        answeredByAuthService = metrics.counter(lookups, new Tag("answer", "auth-service"));
        metrics.gauge(Metadata.builder().withName("verifiedTokens.cacheHitRatio")
                .withDescription("The share of token verifications that the cache answered, since the start").build(),
                this, VerifiedTokens::cacheHitRatio);
    }

    double cacheHitRatio() {
        long cache = answeredByCache.getCount();
        long all = cache + answeredByAuthService.getCount();
        return all == 0 ? 0 : (double) cache / all;
    }

    /**
     * The id of the user the bearer token belongs to; empty when auth-service rejects it. With the network details
     * on, an answer from memory is told in the request's {@code Server-Timing} header as an {@code auth-service}
     * entry that says {@code cache=hit} and names no address: no call was made (a call adds its own entry).
     */
    public Optional<String> userIdOf(String token) {
        long start = System.nanoTime();
        VerifiedToken remembered = verified.getIfPresent(token);
        if (remembered != null) {
            answeredByCache.inc();
            if (details.enabled()) {
                timing.add("auth-service", start, "call", "verify-token", "cache", "hit");
            }
            return Optional.of(remembered.uid());
        }
        answeredByAuthService.inc();
        Optional<VerifiedToken> answer = auth.verifiedToken(token);
        answer.filter(verifiedToken -> maxAgeSeconds > 0).ifPresent(verifiedToken -> verified.put(token, verifiedToken));
        return answer.map(VerifiedToken::uid);
    }

    Duration timeToKeep(VerifiedToken token) {
        Duration untilExpiry = Duration.between(clock.instant(), token.expiresAt());
        Duration maxAge = Duration.ofSeconds(maxAgeSeconds);
        return untilExpiry.isNegative() ? Duration.ZERO : untilExpiry.compareTo(maxAge) < 0 ? untilExpiry : maxAge;
    }
}
