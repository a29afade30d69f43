package dev.kubenet.auth.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A token ended by a logout: its id ({@code jti}) and its expiry, after which the row has no more use. */
@Entity
@Table(name = "revoked_tokens")
@NamedQuery(name = RevokedToken.DELETE_EXPIRED, query = "DELETE FROM RevokedToken r WHERE r.expiresAt < :cutoff")
public class RevokedToken {

    static final String DELETE_EXPIRED = "RevokedToken.deleteExpired";

    @Id
    @Column(name = "token_id", length = 36)
    private String tokenId;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    protected RevokedToken() {
        // for JPA
    }

    RevokedToken(String tokenId, Instant expiresAt) {
        this.tokenId = tokenId;
        this.expiresAt = expiresAt.atOffset(ZoneOffset.UTC);
    }
}
