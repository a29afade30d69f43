package dev.kubenet.tasks.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

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
     * A page of the owner's tasks and how many match its filter, in one transaction: one connection from the pool and
     * one commit for both queries. A count reads an index entry for each matching task, so it costs more the more
     * tasks the owner has, where a page does not (BENCHMARKS.md); a first page that holds all the matching tasks
     * already tells their number, and most users' lists fit in one page, so only a longer list is counted.
     */
    public Page page(String ownerId, PageRequest page) {
        List<TaskView> newest = newest(ownerId, page);
        boolean wholeList = page.before() == Long.MAX_VALUE && newest.size() <= page.limit();
        return new Page(newest, wholeList ? newest.size() : count(ownerId, page.done()));
    }

    /**
     * @param newest the page's tasks and, if another page follows, the first task of that page
     * @param total  how many of the owner's tasks match the page's {@code done}
     */
    public record Page(List<TaskView> newest, long total) {
    }

    /**
     * The owner's newest tasks with ids below the page's {@code before}, at most its {@link PageRequest#rows()}, newest
     * first, as the API shows them, of all the owner's tasks or only the open or done ones. The queries
     * ({@link Task#NEWEST_FIRST}, {@link Task#NEWEST_FIRST_BY_DONE}) are constructor expressions, which make
     * EclipseLink hand over each row's columns as they are: no entity is built, so none goes through its shared cache,
     * where every request took a lock on each of the same cached tasks and the threads of a busy server queued for
     * them (BENCHMARKS.md).
     */
    private List<TaskView> newest(String ownerId, PageRequest page) {
        TypedQuery<TaskView> query = page.done() == null
                ? em.createNamedQuery(Task.NEWEST_FIRST, TaskView.class)
                : em.createNamedQuery(Task.NEWEST_FIRST_BY_DONE, TaskView.class).setParameter("done", page.done());
        query.setParameter("owner", ownerId).setParameter("before", page.before());
        if (page.rows() != PageRequest.MAX_ROWS) {
            // Only another limit than the query's own: EclipseLink then prepares a copy of the query for this call.
            query.setMaxResults(page.rows());
        }
        return query.getResultList();
    }

    /** How many tasks the owner has, of all or only the open or done ones ({@code done} null for all). */
    private long count(String ownerId, Boolean done) {
        TypedQuery<Long> query = done == null
                ? em.createNamedQuery(Task.COUNT, Long.class)
                : em.createNamedQuery(Task.COUNT_BY_DONE, Long.class).setParameter("done", done);
        return query.setParameter("owner", ownerId).getSingleResult();
    }

    public Task add(String ownerId, String title, String text) {
        Task task = new Task(ownerId, title, text);
        em.persist(task);
        em.flush();
        return task;
    }

    /** The owner's task with this id after the change, empty if the owner has none (another user's counts as none). */
    public Optional<TaskView> change(String ownerId, long id, TaskChange change) {
        List<Task> owned = em.createNamedQuery(Task.OWNED, Task.class)
                .setParameter("id", id)
                .setParameter("owner", ownerId)
                .getResultList();
        owned.forEach(task -> task.apply(change));
        // Written before the 200 goes out. EclipseLink updates only the columns that changed: two changes of different
        // members of one task at once (from two browser tabs) both stay.
        em.flush();
        return owned.stream().findFirst().map(TaskView::of);
    }

    /** Whether the owner had a task with this id; another user's task counts as none. */
    public boolean delete(String ownerId, long id) {
        return em.createQuery("DELETE FROM Task t WHERE t.id = :id AND t.ownerId = :owner")
                .setParameter("id", id)
                .setParameter("owner", ownerId)
                .executeUpdate() > 0;
    }
}
