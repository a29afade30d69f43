package dev.kubenet.tasks.task;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A task as the API shows it. */
public record TaskView(long id, String title, String text, Instant createdAt) {

    /**
     * The constructor JPQL's {@code SELECT NEW} calls with a row's columns, in their mapped types ({@link Tasks#of}).
     */
    public TaskView(Long id, String title, String text, OffsetDateTime createdAt) {
        this(id.longValue(), title, text, createdAt.toInstant());
    }

    static TaskView of(Task task) {
        return new TaskView(task.id(), task.title(), task.text(), task.createdAt().toInstant());
    }
}
