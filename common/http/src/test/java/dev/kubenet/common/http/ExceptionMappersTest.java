package dev.kubenet.common.http;

import static dev.kubenet.common.http.Requests.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mappers that turn every failure into the one problem+json format, and never leak an internal message. */
class ExceptionMappersTest {

    private final WebApplicationExceptionMapper webApplication = new WebApplicationExceptionMapper();
    private final List<LogRecord> log = new CopyOnWriteArrayList<>();
    private final Handler logHandler = new StreamHandler() {
        @Override
        public synchronized void publish(LogRecord record) {
            log.add(record);
        }
    };
    private final Logger logger = Logger.getLogger("dev.kubenet.common.http");

    @BeforeEach
    void listen() {
        logger.addHandler(logHandler);
        logger.setUseParentHandlers(false);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(logHandler);
        logger.setUseParentHandlers(true);
    }

    @Test
    void aFrameworkErrorGetsAPlainSentenceInsteadOfItsMessage() {
        Response response = webApplication.toResponse(new NotFoundException("RESTEASY003210: Could not find resource"));
        Problem problem = problem(response, 404, "There is nothing at this address.");
        assertEquals("Not Found", problem.title());
        assertNull(problem.errors());
    }

    @Test
    void aWrongMethodKeepsItsAllowHeaderButNotTheOriginalContentType() {
        Response original = Response.status(405).allow("GET", "POST").type("text/html").build();
        Response response = webApplication.toResponse(new NotAllowedException(original));
        problem(response, 405, "This address does not support that HTTP method.");
        assertEquals(List.of("GET", "POST"), List.of(response.getHeaderString("Allow").split(",")).stream()
                .map(String::strip).sorted().toList());
        assertEquals(Problems.PROBLEM_JSON, response.getMediaType());
        assertEquals(1, response.getHeaders().get("Content-Type").size());
    }

    @Test
    void aRetryAfterHeaderIsKept() {
        Response response = webApplication.toResponse(new ServiceUnavailableException(7L));
        problem(response, 503, "The service could not handle the request.");
        assertEquals("7", response.getHeaderString("Retry-After"));
    }

    @Test
    void aProblemTheCodeMadePassesUnchanged() {
        WebApplicationException made = Problems.exception(Rfc9110Status.UNPROCESSABLE_CONTENT, "Enter a title.");
        assertSame(made.getResponse(), webApplication.toResponse(made));
    }

    @Test
    void everyStatusHasASentence() {
        assertEquals("Send the request body as application/json.",
                WebApplicationExceptionMapper.detailFor(new NotSupportedException().getResponse().getStatus()));
        assertEquals("This service only answers with JSON.", WebApplicationExceptionMapper.detailFor(406));
        assertEquals("The request was not accepted.", WebApplicationExceptionMapper.detailFor(409));
        assertEquals("The service could not handle the request.", WebApplicationExceptionMapper.detailFor(502));
    }

    @Test
    void unreadableJsonIsA400() {
        problem(new InvalidJsonMapper().toResponse(new JsonbException("Unexpected char 39 at (line no=1)")), 400,
                ReadFailures.INVALID_JSON);
    }

    @Test
    void aProcessingFailureWhileReadingSaysWhatHappened() {
        problem(new ProcessingExceptionMapper().toResponse(new ProcessingException(new JsonbException("x"))), 400,
                ReadFailures.INVALID_JSON);
    }

    @Test
    void anyOtherProcessingFailureIsABugAndSaysNothingAboutIt() {
        ProcessingException bug = new ProcessingException("at org.jboss.resteasy.Internal.secret(Internal.java:42)");
        Response response = new ProcessingExceptionMapper().toResponse(bug);
        problem(response, 500, UnexpectedExceptionMapper.DETAIL);
        assertLoggedSevere(bug);
    }

    @Test
    void anUnexpectedExceptionIsA500WithoutInternals() {
        IllegalStateException bug = new IllegalStateException("password=hunter2 at jdbc:h2:/secret");
        Problem problem = problem(new UnexpectedExceptionMapper().toResponse(bug), 500, UnexpectedExceptionMapper.DETAIL);
        assertFalse(problem.toString().contains("hunter2"));
        assertLoggedSevere(bug);
    }

    /** A bug is logged on the server with its stack trace, since the client hears nothing of it. */
    private void assertLoggedSevere(Throwable bug) {
        assertEquals(1, log.size());
        assertEquals(Level.SEVERE, log.get(0).getLevel());
        assertSame(bug, log.get(0).getThrown());
    }
}
