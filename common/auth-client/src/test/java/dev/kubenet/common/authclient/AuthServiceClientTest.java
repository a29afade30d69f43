package dev.kubenet.common.authclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kubenet.common.authapi.IssuedToken;
import dev.kubenet.common.authapi.VerifiedToken;
import dev.kubenet.common.http.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.kubenet.common.http.NetworkDetails;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AuthServiceClientTest {

    /** Calls that fail as the fault tolerance interceptors report it: timed out, or refused by an open circuit. */
    private static final class NotCompleted extends AuthServiceCalls {
        private final FaultToleranceException failure;

        NotCompleted(FaultToleranceException failure) {
            this.failure = failure;
        }

        @Override
        public String hashPassword(String password) {
            throw failure;
        }

        @Override
        public Optional<IssuedToken> issueToken(String userId, String password, String hashedPassword) {
            throw failure;
        }

        @Override
        public Optional<VerifiedToken> verifiedToken(String token) {
            throw failure;
        }

        @Override
        public boolean revokeToken(String token) {
            throw failure;
        }
    }

    private static AuthServiceClient clientWhoseCallsFailWith(FaultToleranceException failure) {
        AuthServiceClient client = new AuthServiceClient();
        client.calls = new NotCompleted(failure);
        client.details = new NetworkDetails(); // off, as without NETWORK_DETAILS
        return client;
    }

    @Test
    void aCallThatTimedOutOrFoundTheCircuitOpenIsAuthServiceUnavailable() {
        for (FaultToleranceException failure : List.of(new TimeoutException(), new CircuitBreakerOpenException())) {
            AuthServiceClient client = clientWhoseCallsFailWith(failure);
            for (Executable call : List.<Executable>of(() -> client.hashPassword("correct horse"),
                    () -> client.issueToken("user-1", "correct horse", "pbkdf2-sha256$1$a$b"),
                    () -> client.verifiedToken("a.b.c"),
                    () -> client.revokeToken("a.b.c"))) {
                AuthServiceUnavailableException unavailable = assertThrows(AuthServiceUnavailableException.class, call);
                assertSame(failure, unavailable.getCause());
                Response response = unavailable.getResponse();
                assertEquals(503, response.getStatus());
                assertEquals("5", response.getHeaderString("Retry-After"));
                assertEquals(AuthServiceUnavailableException.DETAIL,
                        ((Problem) response.getEntity()).detail());
            }
        }
    }

    /**
     * A shared library maps only its own exceptions: a mapper for every FaultToleranceException here once told users
     * that auth-service was down whenever anything in users-service or tasks-service timed out.
     */
    @Test
    void thisLibraryHasNoExceptionMapper() throws IOException, URISyntaxException {
        Path classes = Path.of(AuthServiceClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> mappers = files.map(file -> classes.relativize(file).toString())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .filter(AuthServiceClientTest::isExceptionMapper)
                    .toList();
            assertEquals(List.of(), mappers);
        }
    }

    private static boolean isExceptionMapper(String className) {
        try {
            return ExceptionMapper.class.isAssignableFrom(Class.forName(className));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
