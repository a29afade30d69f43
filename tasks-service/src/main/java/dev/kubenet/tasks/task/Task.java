package dev.kubenet.tasks.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A task belongs to the user whose token created it, and only that user sees, changes or deletes it. */
@Entity
@Table(name = "tasks")
@NamedQueries({
    @NamedQuery(name = Task.NEWEST_FIRST,
            query = "SELECT NEW dev.kubenet.tasks.task.TaskView(t.id, t.title, t.text, t.createdAt, t.done) FROM Task t"
                    + " WHERE t.ownerId = :owner AND t.id < :before ORDER BY t.ownerId DESC, t.id DESC",
            // The order names both columns of the (owner_id, id) index, so that the database walks it backwards from
            // "before" and stops after a page; ordered by id alone, H2 reads and sorts all of the owner's tasks for
            // every page (NewestFirstQueryTest).
            // The row limit of a full page and the next task's row, part of the query: EclipseLink writes its SQL
            // once, with LIMIT ?. A limit set per call (setMaxResults) makes it write the SQL again for every request.
            hints = @QueryHint(name = "eclipselink.jdbc.max-rows", value = "" + PageRequest.MAX_ROWS)),
    // The same page of only open or only done tasks, along the (owner_id, done, id) index, whose columns the order
    // names for the same reason.
    @NamedQuery(name = Task.NEWEST_FIRST_BY_DONE,
            query = "SELECT NEW dev.kubenet.tasks.task.TaskView(t.id, t.title, t.text, t.createdAt, t.done) FROM Task t"
                    + " WHERE t.ownerId = :owner AND t.done = :done AND t.id < :before"
                    + " ORDER BY t.ownerId DESC, t.done DESC, t.id DESC",
            hints = @QueryHint(name = "eclipselink.jdbc.max-rows", value = "" + PageRequest.MAX_ROWS)),
    @NamedQuery(name = Task.COUNT, query = "SELECT COUNT(t) FROM Task t WHERE t.ownerId = :owner"),
    @NamedQuery(name = Task.COUNT_BY_DONE,
            query = "SELECT COUNT(t) FROM Task t WHERE t.ownerId = :owner AND t.done = :done"),
    // Another replica may have changed the task since this one cached it: the row as read replaces the cached copy, so
    // a PATCH's 200 shows the task as stored, not as this replica last saw it.
    @NamedQuery(name = Task.OWNED, query = "SELECT t FROM Task t WHERE t.id = :id AND t.ownerId = :owner",
            hints = @QueryHint(name = "eclipselink.refresh", value = "true"))
})
public class Task {

    static final String NEWEST_FIRST = "Task.newestFirst";
    static final String NEWEST_FIRST_BY_DONE = "Task.newestFirstByDone";
    static final String COUNT = "Task.count";
    static final String COUNT_BY_DONE = "Task.countByDone";
    static final String OWNED = "Task.owned";

    /** In Unicode code points ({@link dev.kubenet.common.http.MaxCodePoints}); the columns hold twice as many. */
    static final int MAX_TITLE_LENGTH = 200;
    static final int MAX_TEXT_LENGTH = 2000;

    /** allocationSize must equal the sequence's INCREMENT BY in the migration. */
    @Id
    @SequenceGenerator(name = "tasks_id", sequenceName = "tasks_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "tasks_id")
    private Long id;

    @Column(name = "owner_id", nullable = false, length = 64)
    private String ownerId;

    /** H2 counts a column's length in UTF-16 units, up to two for each code point: see the V2 migration. */
    @Column(nullable = false, length = 2 * MAX_TITLE_LENGTH)
    private String title;

    @Column(nullable = false, length = 2 * MAX_TEXT_LENGTH)
    private String text;

    @Column(nullable = false)
    private boolean done;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Task() {
        // for JPA
    }

    Task(String ownerId, String title, String text) {
        this.ownerId = ownerId;
        this.title = title;
        this.text = text;
        // Databases keep microseconds: the 201 then shows the same time as every later read.
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    Long id() {
        return id;
    }

    String title() {
        return title;
    }

    String text() {
        return text;
    }

    OffsetDateTime createdAt() {
        return createdAt;
    }

    boolean done() {
        return done;
    }

    /** What a {@link TaskChange} names changes, the rest stays as it is. */
    void apply(TaskChange change) {
        change.title().ifPresent(newTitle -> title = newTitle);
        change.text().ifPresent(newText -> text = newText);
        change.done().ifPresent(newDone -> done = newDone);
    }
}
