package dev.kubenet.tasks.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Where tasks are stored. Every method takes the owner, so no query can reach another user's tasks.
 * <p>
 * Reads run in a transaction too, on its connection (eclipselink.transaction.join-existing in persistence.xml):
 * outside one, EclipseLink retries a read that failed on a broken connection 3 times, 5 s apart, so with the
 * database down a request took 10 s to get its 503. Only a SessionCustomizer could change the retries themselves, and
 * it needs Liberty's third-party API visibility, set per application in server.xml, not for dropins.
 */
@ApplicationScoped
@Transactional
public class Tasks {

    @PersistenceContext(unitName = "tasks")
    EntityManager em;

    /**
     * The owner's tasks, for reading only: EclipseLink's read-only hint hands out its cached copies instead of
     * registering a working copy of each task in the persistence context (a clone and a read lock per task, the largest
     * cost of GET /tasks in a profile; BENCHMARKS.md). Tasks are never changed once stored, so nothing needs tracking.
     */
    public List<Task> of(String ownerId) {
        return em.createQuery("SELECT t FROM Task t WHERE t.ownerId = :owner ORDER BY t.id", Task.class)
                .setParameter("owner", ownerId)
                .setHint("eclipselink.read-only", true)
                .getResultList();
    }

    public Task add(String ownerId, String title, String text) {
        Task task = new Task(ownerId, title, text);
        em.persist(task);
        em.flush();
        return task;
    }

    /** Whether the owner had a task with this id; another user's task counts as none. */
    public boolean delete(String ownerId, long id) {
        return em.createQuery("DELETE FROM Task t WHERE t.id = :id AND t.ownerId = :owner")
                .setParameter("id", id)
                .setParameter("owner", ownerId)
                .executeUpdate() > 0;
    }
}
