package dev.kubenet.users.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where accounts are stored.
 * <p>
 * Reads run in a transaction too, on its connection: persistence.xml says why.
 */
@ApplicationScoped
@Transactional
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
     * Stores a new account, unless its email is taken. The unique constraint on the email decides, so of two signups
     * racing for one email exactly one wins. The loser's failure ends here, not as an exception: one that leaves a
     * transaction is an FFDC incident to Liberty, a file in logs/ffdc per lost race. EclipseLink
     * has marked the transaction rollback-only, so it is rolled back all the same.
     */
    public Optional<User> add(String email, String passwordHash) {
        User user = new User(email, passwordHash);
        try {
            em.persist(user);
            em.flush();
            return Optional.of(user);
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                return Optional.empty();
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
}
