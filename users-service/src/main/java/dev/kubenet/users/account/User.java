package dev.kubenet.users.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** An account: an email (stored in lower case) and the hash that auth-service made of its password. */
@Entity
@Table(name = "users")
public class User {

    /** Random, so ids reveal neither how many users there are nor who signed up when. */
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, unique = true, length = Credentials.MAX_EMAIL_LENGTH)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected User() {
        // for JPA
    }

    User(String email, String passwordHash) {
        this.id = UUID.randomUUID().toString();
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }
}
