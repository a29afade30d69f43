package dev.kubenet.users.account;

import dev.kubenet.common.persistence.UniqueViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Where accounts are stored.
 * <p>
 * Reads run in a transaction too, on its connection: persistence.xml says why.
 */
@ApplicationScoped
@Transactional
public class Users {

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
            if (UniqueViolation.isCauseOf(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
