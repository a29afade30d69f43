package dev.kubenet.tasks.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Where tasks are stored. Every method takes the owner, so no query can reach another user's tasks. */
@ApplicationScoped
public class Tasks {

    @PersistenceContext(unitName = "tasks")
    EntityManager em;

    public List<Task> of(String ownerId) {
        return em.createQuery("SELECT t FROM Task t WHERE t.ownerId = :owner ORDER BY t.id", Task.class)
                .setParameter("owner", ownerId)
                .getResultList();
    }

    @Transactional
    public Task add(String ownerId, String title, String text) {
        Task task = new Task(ownerId, title, text);
        em.persist(task);
        em.flush();
        return task;
    }

    /** Whether the owner had a task with this id; another user's task counts as none. */
    @Transactional
    public boolean delete(String ownerId, long id) {
        return em.createQuery("DELETE FROM Task t WHERE t.id = :id AND t.ownerId = :owner")
                .setParameter("id", id)
                .setParameter("owner", ownerId)
                .executeUpdate() > 0;
    }
}
