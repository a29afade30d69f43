package dev.kubenet.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubenet.common.http.Problem;
import dev.kubenet.common.http.Problems;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableMapperTest {

    private final DatabaseUnavailableMapper mapper = new DatabaseUnavailableMapper();
    private final Logger errors = Logger.getLogger("dev.kubenet.common.http");

    @BeforeEach
    void quiet() {
        // The 500 below logs a stack trace on purpose; the test needs no copy of it.
        errors.setUseParentHandlers(false);
    }

    @AfterEach
    void loud() {
        errors.setUseParentHandlers(true);
    }

    @Test
    void anUnreachableDatabaseIsA503ToTryAgainIn5Seconds() {
        PersistenceException failure = new PersistenceException("Exception [EclipseLink-4002]",
                new SQLException("Connection refused", "08001", new ConnectException()));
        Response response = mapper.toResponse(failure);
        assertEquals(503, response.getStatus());
        assertEquals(Problems.PROBLEM_JSON, response.getMediaType());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals(DatabaseUnavailableMapper.DETAIL, ((Problem) response.getEntity()).detail());
    }

    @Test
    void anyOtherPersistenceFailureIsABug() {
        PersistenceException failure = new PersistenceException("constraint",
                new SQLException("duplicate key value violates unique constraint", "23505"));
        Response response = mapper.toResponse(failure);
        assertEquals(500, response.getStatus());
        assertEquals(null, response.getHeaderString("Retry-After"));
        assertEquals("Something went wrong on our side. Please try again later.",
                ((Problem) response.getEntity()).detail());
    }
}
