package dev.kubenet.tasks.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.eclipse.persistence.jpa.JpaQuery;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page of tasks costs the database one short walk along the {@code (owner_id, id)} index, however many tasks the
 * owner has. Checked in H2's own account of the SQL that EclipseLink writes for {@link Task#NEWEST_FIRST}
 * ({@code EXPLAIN ANALYZE} counts the rows it read), on the schema of the real migrations.
 * <p>
 * Ordered by id alone, the query makes H2 read and sort all of the owner's tasks for every page, which no timing
 * with a few tasks shows: so the test counts the rows read.
 */
class NewestFirstQueryTest {

    private static final String URL = "jdbc:h2:mem:newest-first;DB_CLOSE_DELAY=-1";
    private static final String OWNER = "owner-with-many-tasks";
    private static final int TASKS = 5_000;
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private static EntityManagerFactory persistence;

    @BeforeAll
    static void aDatabaseWhereOneOwnerHasManyTasks() throws SQLException {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();
        try (Connection db = DriverManager.getConnection(URL, "sa", "");
                PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO tasks (id, owner_id, title, text, created_at, done) VALUES (?, ?, ?, '', ?, ?)")) {
            for (int id = 1; id <= TASKS; id++) {
                // Another owner's tasks between them, as when users add tasks at the same time.
                insert.setLong(1, id);
                insert.setString(2, id % 10 == 0 ? "someone-else" : OWNER);
                insert.setString(3, "Task " + id);
                insert.setObject(4, OffsetDateTime.now());
                // Every third task done, so that a page of open or of done tasks skips some of the owner's tasks.
                insert.setBoolean(5, id % 3 == 0);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // The application's persistence unit as it is, on a plain connection instead of Liberty's JTA data source.
        persistence = Persistence.createEntityManagerFactory("tasks", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", URL,
                "jakarta.persistence.jdbc.user", "sa",
                "jakarta.persistence.jdbc.password", ""));
    }

    @AfterAll
    static void close() {
        persistence.close();
    }

    @Test
    void theFirstPageReadsOnlyItsOwnRows() throws SQLException {
        assertReadsOnlyAPage(Long.MAX_VALUE, TASKS - 1);
    }

    @Test
    void aPageFurtherBackReadsOnlyItsOwnRowsToo() throws SQLException {
        assertReadsOnlyAPage(2_500, 2_499);
    }

    @Test
    void theFirstPageOfDoneTasksReadsOnlyItsOwnRows() throws SQLException {
        List<TaskView> page = assertReadsOnlyAPage(true, Long.MAX_VALUE, 4_998);
        assertTrue(page.stream().allMatch(TaskView::done), "only done tasks");
    }

    @Test
    void aPageOfOpenTasksFurtherBackReadsOnlyItsOwnRowsToo() throws SQLException {
        List<TaskView> page = assertReadsOnlyAPage(false, 2_500, 2_498);
        assertTrue(page.stream().noneMatch(TaskView::done), "only open tasks");
    }

    /**
     * The total is no short walk: it reads one index entry for each of the owner's tasks that match (its cost, against
     * a page's, is in BENCHMARKS.md), but neither the table's rows nor other owners' entries.
     */
    @Test
    void theTotalCountsTheOwnersIndexEntriesOnly() throws SQLException {
        long owners = TASKS - TASKS / 10;
        long ownersDone = LongStream.rangeClosed(1, TASKS).filter(id -> id % 10 != 0 && id % 3 == 0)
                .count();
        assertCountReads(null, owners);
        assertCountReads(true, ownersDone);
        assertCountReads(false, owners - ownersDone);
    }

    private static void assertCountReads(Boolean done, long expected) throws SQLException {
        EntityManager em = persistence.createEntityManager();
        try {
            TypedQuery<Long> query = done == null ? em.createNamedQuery(Task.COUNT, Long.class)
                    : em.createNamedQuery(Task.COUNT_BY_DONE, Long.class).setParameter("done", done);
            query.setParameter("owner", OWNER);
            assertEquals(expected, query.getSingleResult());

            String sql = query.unwrap(JpaQuery.class).getDatabaseQuery().getSQLString();
            String plan = done == null ? explainAnalyze(sql, OWNER) : explainAnalyze(sql, OWNER, done);
            assertTrue(plan.contains(done == null ? "TASKS_OWNER_ID_IDX" : "TASKS_OWNER_DONE_ID_IDX"), plan);
            Matcher scanned = SCAN_COUNT.matcher(plan);
            assertTrue(scanned.find(), plan);
            long rowsRead = Long.parseLong(scanned.group(1));
            assertTrue(rowsRead <= expected + 1, rowsRead + " rows read for a count of " + expected + ":\n" + plan);
        } finally {
            em.close();
        }
    }

    private static void assertReadsOnlyAPage(long before, long newestExpected) throws SQLException {
        assertReadsOnlyAPage(null, before, newestExpected);
    }

    /** With {@code done} null, of all the owner's tasks ({@link Task#NEWEST_FIRST}); else of the open or done ones. */
    private static List<TaskView> assertReadsOnlyAPage(Boolean done, long before, long newestExpected)
            throws SQLException {
        EntityManager em = persistence.createEntityManager();
        try {
            TypedQuery<TaskView> query = done == null
                    ? em.createNamedQuery(Task.NEWEST_FIRST, TaskView.class)
                    : em.createNamedQuery(Task.NEWEST_FIRST_BY_DONE, TaskView.class).setParameter("done", done);
            query.setParameter("owner", OWNER).setParameter("before", before);
            List<TaskView> page = query.getResultList();
            assertEquals(PageRequest.MAX_ROWS, page.size());
            assertEquals(newestExpected, page.get(0).id());
            assertTrue(page.get(1).id() < page.get(0).id(), "newest first");

            String sql = query.unwrap(JpaQuery.class).getDatabaseQuery().getSQLString();
            String plan = done == null ? explainAnalyze(sql, OWNER, before, PageRequest.MAX_ROWS, 0)
                    : explainAnalyze(sql, OWNER, done, before, PageRequest.MAX_ROWS, 0);
            Matcher scanned = SCAN_COUNT.matcher(plan);
            assertTrue(scanned.find(), plan);
            long rowsRead = Long.parseLong(scanned.group(1));
            assertTrue(rowsRead <= PageRequest.MAX_ROWS + 1, rowsRead + " rows read for a page:\n" + plan);
            assertFalse(scanned.find(), "one table, one scan:\n" + plan);
            return page;
        } finally {
            em.close();
        }
    }

    /** H2's plan for the statement with these parameters, after running it. */
    private static String explainAnalyze(String sql, Object... parameters) throws SQLException {
        try (Connection db = DriverManager.getConnection(URL, "sa", "");
                PreparedStatement explain = db.prepareStatement("EXPLAIN ANALYZE " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }
}
