package dev.kubenet.tasks.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Where tasks are stored. Every method takes the owner, so no query can reach another user's tasks.
 * <p>
 * Reads run in a transaction too, on its connection: persistence.xml says why.
 */
@ApplicationScoped
@Transactional
public class Tasks {

    @PersistenceContext(unitName = "tasks")
    EntityManager em;

    /**
     * The owner's newest tasks with ids below the page's {@code before}, at most its {@link PageRequest#rows()}, newest
     * first, as the API shows them. The query ({@link Task#NEWEST_FIRST}) is a constructor expression,
     * which makes EclipseLink hand over each row's columns as they are: no entity is built, so none goes through its
     * shared cache, where every request took a lock on each of the same cached tasks and the threads of a busy server
     * queued for them (BENCHMARKS.md).
     */
    public List<TaskView> newest(String ownerId, PageRequest page) {
        TypedQuery<TaskView> query = em.createNamedQuery(Task.NEWEST_FIRST, TaskView.class)
                .setParameter("owner", ownerId)
                .setParameter("before", page.before());
        if (page.rows() != PageRequest.MAX_ROWS) {
            // Only another limit than the query's own: EclipseLink then prepares a copy of the query for this call.
            query.setMaxResults(page.rows());
        }
        return query.getResultList();
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
