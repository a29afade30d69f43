package dev.kubenet.common.authapi;

/** The answer of {@code POST /hashed-password}: a salted hash that records its own parameters. */
public record HashedPassword(String hashedPassword) {
}
