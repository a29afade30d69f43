package dev.kubenet.tasks.task;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A task as the API shows it. */
public record TaskView(long id, String title, String text, Instant createdAt, boolean done) {

    /**
     * From a task's stored values, in their mapped types: JPQL's {@code SELECT NEW} calls it with a row's columns
     * ({@link Tasks#page}), {@link #of} with a stored entity's fields.
     */
    public TaskView(Long id, String title, String text, OffsetDateTime createdAt, Boolean done) {
        this(id.longValue(), title, text, createdAt.toInstant(), done.booleanValue());
    }

    static TaskView of(Task task) {
        return new TaskView(task.id(), task.title(), task.text(), task.createdAt(), task.done());
    }
}
