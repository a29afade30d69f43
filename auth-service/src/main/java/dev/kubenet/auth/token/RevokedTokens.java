package dev.kubenet.auth.token;

import dev.kubenet.common.persistence.UniqueViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The ids of revoked tokens, in auth-service's database. On Kubernetes auth-service runs twice: a revocation kept in
 * one replica's memory would be unknown to the other, so it goes where every replica reads it on every verification
 * (one primary-key lookup). A row is kept while its token could still be accepted, that is until its expiry plus the
 * clock skew verification allows; each revocation deletes the rows past that, so the table holds at most the
 * logouts of the last token lifetime.
 * <p>
 * Reads run in a transaction too, on its connection: users-service's persistence.xml says why.
 */
@ApplicationScoped
@Transactional
public class RevokedTokens {

    @PersistenceContext(unitName = "auth")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public boolean isRevoked(String tokenId) {
        return em.find(RevokedToken.class, tokenId) != null;
    }

    /**
     * Revokes a token; nothing changes for one revoked before. Of two revocations of one token racing each other,
     * the primary key lets one insert: the other's failure ends here, as in users-service's {@code Users.add}.
     */
    public void revoke(String tokenId, Instant expiresAt) {
        em.createNamedQuery(RevokedToken.DELETE_EXPIRED)
                .setParameter("cutoff", cutoff(clock.instant()).atOffset(ZoneOffset.UTC))
                .executeUpdate();
        if (isRevoked(tokenId)) {
            return;
        }
        try {
            em.persist(new RevokedToken(tokenId, expiresAt));
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolation.isCauseOf(e)) {
                throw e;
            }
        }
    }

    /** Rows of tokens that expired before this are of no more use: not even a late clock accepts those tokens. */
    static Instant cutoff(Instant now) {
        return now.minus(Duration.ofSeconds(Tokens.CLOCK_SKEW_SECONDS));
    }
}
