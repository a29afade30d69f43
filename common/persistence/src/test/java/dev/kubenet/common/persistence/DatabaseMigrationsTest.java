package dev.kubenet.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migration against an in-memory H2 that refuses connections for a while, as a database that comes late does. */
class DatabaseMigrationsTest {

    private static final String SECRET = "s3cret-Pa55";

    private final DelayRecordingScheduler scheduler = new DelayRecordingScheduler();
    private final List<LogRecord> log = new CopyOnWriteArrayList<>();
    private final Handler logHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(DatabaseMigrations.class.getName());

    @BeforeEach
    void listen() {
        logger.addHandler(logHandler);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(logHandler);
        scheduler.shutdownNow();
    }

    @Test
    void migratesOnceTheDatabaseAnswersAfterWaitsThatDouble() throws Exception {
        RefusingDatabase database = new RefusingDatabase(3, "08001");
        DatabaseMigrations migrations = migrations(database);

        migrations.attempt(0);
        awaitMigrated(migrations);

        assertEquals(List.of(1L, 2L, 4L), scheduler.delays.stream().map(Duration::toSeconds).toList());
        try (Connection connection = database.getConnection()) {
            assertTrue(connection.createStatement().executeQuery("SELECT COUNT(*) FROM notes").next());
        }
    }

    @Test
    void whileWaitingItSaysWhyAndLogsTheNextTryWithoutUrlOrPassword() {
        DatabaseMigrations migrations = migrations(new RefusingDatabase(Integer.MAX_VALUE, "08001"));
        scheduler.runNothing = true;

        migrations.attempt(0);

        assertEquals(Optional.of("database not reachable (SQLState 08001)"), migrations.pending());
        assertEquals(List.of("Database not reachable yet (SQLState 08001); migrating again in 1 s"),
                log.stream().map(LogRecord::getMessage).toList());
        assertNull(log.get(0).getThrown(), "no stack trace, nothing from the driver's message");
    }

    @Test
    void aFailureThatNoWaitMendsIsNotRetried() {
        DatabaseMigrations migrations = migrations(new RefusingDatabase(Integer.MAX_VALUE, "28P01"));

        migrations.attempt(0);

        assertTrue(scheduler.delays.isEmpty());
        assertEquals(Optional.of("migration failed (SQLState 28P01), see the log"), migrations.pending());
    }

    @Test
    void stoppingTheApplicationCancelsTheNextTry() {
        DatabaseMigrations migrations = migrations(new RefusingDatabase(Integer.MAX_VALUE, "08001"));
        scheduler.runNothing = true;

        migrations.attempt(0);
        migrations.stopTrying();

        assertTrue(scheduler.last.isCancelled());
    }

    private DatabaseMigrations migrations(DataSource dataSource) {
        DatabaseMigrations migrations = new DatabaseMigrations();
        migrations.dataSource = dataSource;
        migrations.scheduler = scheduler;
        return migrations;
    }

    private static void awaitMigrated(DatabaseMigrations migrations) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (migrations.pending().isPresent()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still pending: " + migrations.pending().orElseThrow());
            }
            Thread.sleep(10);
        }
    }

    /** Records each wait asked for, and runs the task at once rather than after it (or, if told, never). */
    private static final class DelayRecordingScheduler extends ScheduledThreadPoolExecutor {

        final List<Duration> delays = new CopyOnWriteArrayList<>();
        volatile boolean runNothing;
        volatile ScheduledFuture<?> last;

        DelayRecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(Duration.ofNanos(unit.toNanos(delay)));
            last = super.schedule(command, runNothing ? 1 : 0, runNothing ? TimeUnit.DAYS : unit);
            return last;
        }
    }

    /**
     * An in-memory H2 database that refuses its first connections with a given SQLSTATE, in a message that names the
     * URL and the password as a careless driver might.
     */
    private static final class RefusingDatabase implements DataSource {

        private final JdbcDataSource h2 = new JdbcDataSource();
        private final AtomicInteger refusalsLeft;
        private final String sqlState;

        RefusingDatabase(int refusals, String sqlState) {
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            this.refusalsLeft = new AtomicInteger(refusals);
            this.sqlState = sqlState;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (refusalsLeft.getAndDecrement() > 0) {
                throw new SQLException("Connection to jdbc:postgresql://kubenet:" + SECRET + "@db/users refused",
                        sqlState);
            }
            return h2.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
