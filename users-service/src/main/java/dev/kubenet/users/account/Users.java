package dev.kubenet.users.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.Optional;

/** Where accounts are stored. */
@ApplicationScoped
public class Users {

    /** SQLSTATE for a unique constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext(unitName = "users")
    EntityManager em;

    public Optional<User> findByEmail(String email) {
        return em.createQuery("SELECT u FROM User u WHERE u.email = :email", User.class)
                .setParameter("email", email)
                .getResultStream()
                .findFirst();
    }

    /**
     * Stores a new account. The unique constraint on the email decides, so of two signups racing for one email
     * exactly one wins; the other gets an {@link EmailTakenException} and its transaction is rolled back.
     */
    @Transactional
    public User add(String email, String passwordHash) {
        User user = new User(email, passwordHash);
        try {
            em.persist(user);
            em.flush();
            return user;
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw new EmailTakenException();
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static class EmailTakenException extends RuntimeException {
        EmailTakenException() {
            super("email already registered", null, false, false);
        }
    }
}
