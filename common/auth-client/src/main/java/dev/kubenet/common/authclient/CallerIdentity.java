package dev.kubenet.common.authclient;

import dev.kubenet.common.authapi.BearerToken;
import dev.kubenet.common.authapi.CallerAssertion;
import dev.kubenet.common.authapi.PemKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Who this service is to auth-service: its name ({@code kubenet.service.name}) and its private key, from the file
 * named by {@code IDENTITY_KEY_FILE} (a Kubernetes Secret, a Compose secret, or the file ./run.sh makes). Each call
 * carries an assertion signed with it ({@link CallerAssertion}); one assertion serves every call for most of its five
 * minutes, so signing costs one ECDSA signature every four minutes, not one per call.
 * <p>
 * Without a key file the service does not start, unless {@code INSECURE_DEVELOPMENT_KEYS=true}: then it uses the
 * repository's development key for its name, which auth-service accepts only under the same switch. A key file that
 * holds that published key is refused the same way.
 */
@ApplicationScoped
public class CallerIdentity {

    private static final Logger LOG = Logger.getLogger(CallerIdentity.class.getName());
    /** A new assertion is made when the current one has less than this left: a call in flight never carries a dead one. */
    static final long RENEW_BEFORE_SECONDS = 60;

    @Inject
    @ConfigProperty(name = "kubenet.service.name")
    String serviceName;

    @Inject
    @ConfigProperty(name = "identity.key.file")
    Optional<String> keyFile;

    @Inject
    @ConfigProperty(name = "insecure.development.keys", defaultValue = "false")
    boolean developmentKeys;

    Clock clock = Clock.systemUTC();
    private PrivateKey key;
    private volatile Signed current = new Signed("", Instant.MIN);

    CallerIdentity() {
    }

    CallerIdentity(String serviceName, PrivateKey key, Clock clock) {
        this.serviceName = serviceName;
        this.key = key;
        this.clock = clock;
    }

    /** Loads the key as the application starts, so a missing or published key stops the start with a clear message. */
    void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        header();
    }

    @PostConstruct
    void loadKey() {
        Optional<String> published = PemKeys.developmentKey(serviceName + ".key");
        if (keyFile.isPresent()) {
            String pem = read(Path.of(keyFile.get()));
            key = PemKeys.privateKey(pem, "IDENTITY_KEY_FILE (" + keyFile.get() + ")");
            if (!developmentKeys && published.map(dev -> samePrivateKey(dev, key)).orElse(false)) {
                throw new IllegalStateException("IDENTITY_KEY_FILE (" + keyFile.get() + ") holds the repository's "
                        + "published development key of " + serviceName + ", which anyone can use. Make this "
                        + "service its own key: scripts/secrets.sh");
            }
        } else if (developmentKeys && published.isPresent()) {
            key = PemKeys.privateKey(published.get(), "the development key of " + serviceName);
            LOG.warning(() -> serviceName + " proves who it is to auth-service with the repository's published "
                    + "development key (INSECURE_DEVELOPMENT_KEYS=true): for a developer's machine only.");
        } else {
            throw new IllegalStateException("IDENTITY_KEY_FILE is not set, so " + serviceName + " has no key to prove "
                    + "who it is to auth-service. Make one with scripts/secrets.sh (Kubernetes: a Secret, Compose: a "
                    + "secret); on a developer's machine INSECURE_DEVELOPMENT_KEYS=true uses the repository's.");
        }
    }

    /** The value of the {@link CallerAssertion#HEADER} header for a call made now. */
    public String header() {
        Signed signed = current;
        Instant now = clock.instant();
        if (now.isAfter(signed.renewAfter())) {
            signed = sign(now);
            current = signed;
        }
        return signed.header();
    }

    private Signed sign(Instant now) {
        return new Signed(BearerToken.header(assertion(serviceName, key, CallerAssertion.AUDIENCE, now,
                Duration.ofSeconds(CallerAssertion.MAX_LIFETIME_SECONDS))),
                now.plusSeconds(CallerAssertion.MAX_LIFETIME_SECONDS - RENEW_BEFORE_SECONDS));
    }

    /**
     * An assertion of the service, signed with the key: issuer and subject the service, for the audience, valid from
     * {@code issuedAt} for {@code lifetime}. The tests sign with it too, also the assertions auth-service must refuse.
     */
    public static String assertion(String service, PrivateKey key, String audience, Instant issuedAt,
                                   Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(service);
        claims.setSubject(service);
        claims.setAudience(audience);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(issuedAt.plus(lifetime).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Signing the assertion of " + service + " failed", e);
        }
    }

    private static boolean samePrivateKey(String pem, PrivateKey key) {
        return Arrays.equals(PemKeys.privateKey(pem, "a development key").getEncoded(), key.getEncoded());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("IDENTITY_KEY_FILE cannot be read: " + file, e);
        }
    }

    private record Signed(String header, Instant renewAfter) {
    }
}
