package dev.kubenet.auth.caller;

import dev.kubenet.common.authapi.BearerToken;
import dev.kubenet.common.authapi.CallerAssertion;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * Which service sent a request: the service its assertion ({@link CallerAssertion}) names, if the assertion verifies
 * with one of that service's public keys ({@link TrustedCallers}), is meant for auth-service, and is current. Only
 * ES256 is accepted, so neither {@code alg: none} nor an HMAC keyed with a public key gets through.
 * <p>
 * A caller sends the same assertion for minutes; the ones that verified are remembered until they expire, so a call
 * costs one map lookup, not an ECDSA verification. Only a verified assertion is remembered, so garbage cannot fill it.
 */
@ApplicationScoped
public class CallerAssertions {

    static final int CLOCK_SKEW_SECONDS = 30;
    /** Assertions remembered at most: a few per caller replica. Past that the memory starts again empty. */
    static final int REMEMBERED = 256;

    private static final JwtConsumer READ_ONLY = new JwtConsumerBuilder().setSkipAllValidators()
            .setDisableRequireSignature().setSkipSignatureVerification().build();

    @Inject
    TrustedCallers trusted;

    Clock clock = Clock.systemUTC();
    private Map<String, List<JwtConsumer>> consumers = Map.of();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    CallerAssertions() {
    }

    CallerAssertions(TrustedCallers trusted, Clock clock) {
        this.trusted = trusted;
        this.clock = clock;
        init();
    }

    @PostConstruct
    void init() {
        Map<String, List<JwtConsumer>> built = new HashMap<>();
        trusted.keys().forEach((caller, keys) -> built.put(caller,
                keys.stream().map(key -> consumer(caller, key)).toList()));
        consumers = Map.copyOf(built);
    }

    /** The service that signed the header's assertion; empty for anything else, whatever is wrong with it. */
    public Optional<String> callerOf(String header) {
        Optional<String> assertion = BearerToken.of(header);
        if (assertion.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Verified known = verified.get(assertion.get());
        if (known != null && now.isBefore(known.acceptedUntil())) {
            return Optional.of(known.caller());
        }
        return verify(assertion.get(), now);
    }

    private Optional<String> verify(String assertion, Instant now) {
        try {
            JwtContext context = READ_ONLY.process(assertion);
            String caller = context.getJwtClaims().getIssuer();
            for (JwtConsumer consumer : consumers.getOrDefault(caller == null ? "" : caller, List.of())) {
                try {
                    consumer.processContext(context);
                    remember(assertion, caller, context.getJwtClaims(), now);
                    return Optional.of(caller);
                } catch (InvalidJwtException e) {
                    // not this key of the caller's; the next one, during a change of keys
                }
            }
        } catch (InvalidJwtException | MalformedClaimException e) {
            // not a JWT, or one without a readable issuer: no caller
        }
        return Optional.empty();
    }

    private void remember(String assertion, String caller, JwtClaims claims, Instant now) throws MalformedClaimException {
        if (verified.size() >= REMEMBERED) {
            verified.clear();
        }
        Instant acceptedUntil = Instant.ofEpochSecond(claims.getExpirationTime().getValue()).plusSeconds(CLOCK_SKEW_SECONDS);
        if (now.isBefore(acceptedUntil)) {
            verified.put(assertion, new Verified(caller, acceptedUntil));
        }
    }

    private JwtConsumer consumer(String caller, PublicKey key) {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setMaxFutureValidityInMinutes((int) (CallerAssertion.MAX_LIFETIME_SECONDS / 60) + 1)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setExpectedIssuer(caller)
                .setExpectedSubject(caller)
                .setExpectedAudience(CallerAssertion.AUDIENCE)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .build();
    }

    private record Verified(String caller, Instant acceptedUntil) {
    }
}
