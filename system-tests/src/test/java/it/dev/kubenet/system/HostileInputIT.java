package it.dev.kubenet.system;

import static it.dev.kubenet.system.Http.request;
import static it.dev.kubenet.system.Http.send;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubenet.common.testing.ClientAddresses;
import it.dev.kubenet.system.Http.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests to every public endpoint, straight to each service and through nginx. Each must get a 4xx in the
 * one error format (application/problem+json with type, title, status and detail) within seconds, never a 5xx or a
 * hang, and must change nothing that is stored: after all of them, the victim's account and tasks are checked
 * ({@link #afterEveryHostileRequestTheVictimsAccountAndTasksAreAsBefore}, which runs after the class's tests whatever
 * their order). The accounts and tasks that the requests aim at belong to this instance, one for the class.
 * <p>
 * Logins and signups go through nginx only for the rows marked so: every system test shares the one rate-limit
 * budget of 127.0.0.1 (see {@link RateLimitIT}).
 */
@ExtendWith(RunningSystem.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    /** Far below nginx's proxy_read_timeout (15 s): a hostile request never holds anybody up. */
    private static final Duration QUICK = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEN_MEGABYTES_OF_JSON = "{\"title\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}";
    /** Every hostile signup is for this address: had any of them made an account, the address would be taken. */
    private static final String FREE_EMAIL = "never-signed-up-" + UUID.randomUUID() + "@example.com";
    private static final String SOME_PASSWORD = Secrets.password("hostile password " + UUID.randomUUID());
    private static final String TAKEOVER_PASSWORD = Secrets.password("takeover password " + UUID.randomUUID());
    /**
     * Why a few paths get Liberty's own 400 when sent straight to a service. Liberty's web container canonicalises
     * every request path as Servlet 6 requires (WebContainer.handleRequest, RequestUtils.canonicalizeURI) and refuses
     * a suspicious one with a body written into its code (sendBadRequestResponse: HTML, or {"error_message":…} when
     * the request names application/json), before it even chooses a web module: no error page, filter or JAX-RS
     * mapper of ours runs, and no server.xml setting changes that body. Through nginx these paths get the JSON 400.
     * A known gap: such a row is checked for everything but its format, then skipped with this reason (once the
     * answer is problem+json, the row passes).
     */
    static final String LIBERTY_REFUSES_IT = "Liberty's web container refuses the path itself, before any code of the "
            + "service runs";

    private Account victim;
    private Account other;
    private long victimsTask;
    private long othersTask;
    private JsonNode victimsTasksBefore;
    private JsonNode othersTasksBefore;

    @BeforeAll
    void aVictimWithTwoTasksAndAnotherUserWithOne() {
        victim = Account.signUp("victim");
        other = Account.signUp("other");
        victimsTask = add(victim, "Buy milk", "2 litres");
        add(victim, "Walk the dog", "");
        othersTask = add(other, "Not yours", "");
        victimsTasksBefore = tasksOf(victim);
        othersTasksBefore = tasksOf(other);
    }

    @Test
    void aTokenMadeWithTheRunsKeyIsAcceptedSoTheForgedOnesFailOnlyForWhatIsWrongWithThem() {
        Reply reply = send(request(RunningSystem.TASKS_SERVICE + "/tasks")
                .header("Authorization", "Bearer " + ForgedTokens.valid(victim.userId())));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(victimsTasksBefore, reply.json().path("tasks"));
    }

    Stream<Arguments> toUsersService() {
        String credentials = credentials(FREE_EMAIL, SOME_PASSWORD);
        return routed(
                signup("malformed JSON").json("{\"email\":").is(400).alsoThroughNginx(),
                signup("a body that ends inside a field the service does not know (it used to hang a thread)")
                        .json("{\"x\":[").is(400).alsoThroughNginx(),
                signup("30,000 nested arrays").json("{\"x\":" + "[".repeat(30_000)).is(400),
                signup("valid JSON followed by garbage").json(credentials + "garbage").is(400),
                signup("a JSON array").json("[\"" + FREE_EMAIL + "\"]").is(400),
                signup("the credentials wrapped in an array (JSON-B used to take the first element)")
                        .json("[" + credentials + "]").is(400),
                signup("a JSON string").json("\"" + FREE_EMAIL + "\"").is(400),
                signup("JSON null").json("null").is(422),
                signup("an empty body").json("").is(400),
                signup("an email that is an array, a password that is an object")
                        .json("{\"email\":[\"" + FREE_EMAIL + "\"],\"password\":{\"a\":1}}").is(400),
                signup("an email and a password that are numbers (JSON-B used to store them as text)")
                        .json("{\"email\":1,\"password\":12345678}").is(400),
                signup("a password that is a boolean")
                        .json("{\"email\":\"" + FREE_EMAIL + "\",\"password\":true}").is(400),
                signup("a lone surrogate in the email").json(credentials(FREE_EMAIL, SOME_PASSWORD)
                        .replace("@", "\\ud800@")).is(400),
                signup("a lone surrogate in the password (it used to be hashed as a question mark)")
                        .json(credentials(FREE_EMAIL, SOME_PASSWORD).replace(SOME_PASSWORD, "\\udc00" + SOME_PASSWORD))
                        .is(400),
                signup("a null email and password").json("{\"email\":null,\"password\":null}").is(422),
                signup("an empty email and password").json(credentials("", "")).is(422),
                signup("an email of 1,000 characters")
                        .json(credentials("a".repeat(988) + "@example.com", SOME_PASSWORD)).is(422),
                signup("a password of 60,000 characters").json(credentials(FREE_EMAIL, "p".repeat(60_000))).is(422),
                signup("a body of 10 MB").json(TEN_MEGABYTES_OF_JSON).is(413).alsoThroughNginx(),
                signup("a body of 10 MB in chunks, without a length").json(TEN_MEGABYTES_OF_JSON).chunked().is(413)
                        .alsoThroughNginx(),
                signup("10 MB of JSON, gzip-compressed to 10 KB").body(gzip(TEN_MEGABYTES_OF_JSON))
                        .header("Content-Type", "application/json").header("Content-Encoding", "gzip").is(413),
                signup("a NUL character in the email").json(credentials("nul\u0000" + FREE_EMAIL, SOME_PASSWORD))
                        .is(422),
                signup("a fullwidth at sign in the email")
                        .json(credentials(FREE_EMAIL.replace('@', '\uFF20'), SOME_PASSWORD)).is(422),
                signup("SQL in the email").json(credentials("x' OR '1'='1", SOME_PASSWORD)).is(422),
                signup("the victim's email in capitals, with a new password")
                        .json(credentials(victim.email().toUpperCase(), TAKEOVER_PASSWORD)).is(409).alsoThroughNginx(),
                signup("no Content-Type").body(credentials).is(415),
                signup("Content-Type text/plain").body(credentials).header("Content-Type", "text/plain").is(415),
                signup("a form instead of JSON").body("email=" + FREE_EMAIL + "&password=" + SOME_PASSWORD)
                        .header("Content-Type", "application/x-www-form-urlencoded").is(415).alsoThroughNginx(),
                signup("Accept: text/html only").json(credentials).header("Accept", "text/html").is(406),
                signup("an Accept q-value that is not a number (it used to be a 500)").json(credentials)
                        .header("Accept", "application/json;q=high").is(400),
                new Hostile("GET instead of POST", Service.USERS, "GET", "/signup").is(405),

                login("malformed JSON").json("{\"email\":").is(400),
                login("a body that ends inside a field the service does not know").json("{\"x\":{").is(400),
                login("SQL in the email and the password").json(credentials("' OR '1'='1' --", "' OR '1'='1' --"))
                        .is(401).alsoThroughNginx(),
                login("the victim's email with SQL for a password").json(credentials(victim.email(), "' OR 1=1 --"))
                        .is(401),
                login("an email and a password that are numbers").json("{\"email\":1,\"password\":2}").is(400),
                login("the victim's email with a lone surrogate for a password")
                        .json("{\"email\":\"" + victim.email() + "\",\"password\":\"\\ud800\"}").is(400),
                login("the victim's email and no password").json("{\"email\":\"" + victim.email() + "\"}").is(422),
                login("the victim's email with a password of 129 characters")
                        .json(credentials(victim.email(), "p".repeat(129))).is(422),
                login("the victim's email behind a right-to-left override, with the right password")
                        .json(credentials("\u202E" + victim.email(), victim.password())).is(401),
                login("a body of 10 MB").json(TEN_MEGABYTES_OF_JSON).is(413),
                login("no Content-Type").body(credentials(victim.email(), victim.password())).is(415),
                new Hostile("PUT instead of POST", Service.USERS, "PUT", "/login").json("{}").is(405));
    }

    Stream<Arguments> toTasksService() {
        String aTask = "{\"title\":\"planted by an attacker\"}";
        List<Hostile> rows = new ArrayList<>();
        for (Hostile endpoint : List.of(
                tasks("", "GET", "/tasks"),
                tasks("", "POST", "/tasks").json(aTask),
                tasks("", "PATCH", "/tasks/" + victimsTask).json(aTask),
                tasks("", "DELETE", "/tasks/" + victimsTask))) {
            rows.addAll(List.of(
                    endpoint.copy("no Authorization header").token(null).is(401),
                    endpoint.copy("an empty bearer token").token("Bearer ").is(401),
                    endpoint.copy("a token that is not a JWT")
                            .token("Bearer " + Secrets.token("not-a-jwt-" + UUID.randomUUID())).is(401),
                    endpoint.copy("Basic instead of Bearer").token("Basic dXNlcjpjb3JyZWN0IGhvcnNl").is(401),
                    endpoint.copy("'bearer' in lower case, with a changed signature")
                            .token("bearer " + ForgedTokens.withChangedSignature(victim.token())).is(401),
                    endpoint.copy("two tokens in one header").token(victim.bearer() + ", " + victim.bearer()).is(401),
                    endpoint.copy("the victim's token with another user in its payload")
                            .token("Bearer " + ForgedTokens.withOtherSubject(victim.token(), other.userId())).is(401),
                    endpoint.copy("the victim's token with one character of its signature changed")
                            .token("Bearer " + ForgedTokens.withChangedSignature(victim.token())).is(401),
                    endpoint.copy("an expired token").token("Bearer " + ForgedTokens.expired(victim.userId())).is(401),
                    endpoint.copy("a token with alg none").token("Bearer " + ForgedTokens.unsigned(victim.userId()))
                            .is(401),
                    endpoint.copy("a token signed with another key")
                            .token("Bearer " + ForgedTokens.otherKey(victim.userId())).is(401),
                    endpoint.copy("a token from another issuer")
                            .token("Bearer " + ForgedTokens.otherIssuer(victim.userId())).is(401),
                    endpoint.copy("a token signed with HS512 instead of HS256")
                            .token("Bearer " + ForgedTokens.otherAlgorithm(victim.userId())).is(401),
                    endpoint.copy("a token of 5,000 characters").token("Bearer " + "a".repeat(5_000)).is(401),
                    endpoint.copy("a token of 20,000 characters").token("Bearer " + "a".repeat(20_000)).is(401)
                            .butThroughNginx(431),
                    endpoint.copy("the Authorization header twice").header("Authorization", victim.bearer()).is(401)
                            .butThroughNginx(400)));
        }
        // Bodies that neither a new task nor a change may be (a change with a title, so that each is wrong for it too).
        Hostile post = tasks("", "POST", "/tasks");
        for (Hostile endpoint : List.of(post, tasks("", "PATCH", "/tasks/" + victimsTask))) {
            rows.addAll(List.of(
                    endpoint.copy("malformed JSON").json("{\"title\":").is(400),
                    endpoint.copy("a body that ends inside a field the service does not know (it used to hang a "
                            + "thread)").json("{\"title\":\"a\",\"x\":[").is(400),
                    endpoint.copy("30,000 nested arrays").json("{\"title\":\"a\",\"x\":" + "[".repeat(30_000))
                            .is(400),
                    endpoint.copy("valid JSON followed by garbage").json(aTask + "garbage").is(400),
                    endpoint.copy("the task wrapped in an array (JSON-B used to take the first element)")
                            .json("[" + aTask + "]").is(400),
                    endpoint.copy("a JSON string").json("\"planted\"").is(400),
                    endpoint.copy("an empty body").json("").is(400),
                    endpoint.copy("a title that is an array").json("{\"title\":[\"a\"]}").is(400),
                    endpoint.copy("a title that is an object").json("{\"title\":{\"a\":1}}").is(400),
                    endpoint.copy("a title that is a number (JSON-B used to store it as text)").json("{\"title\":42}")
                            .is(400),
                    endpoint.copy("a title that is a boolean").json("{\"title\":true}").is(400),
                    endpoint.copy("a text that is a number").json("{\"title\":\"ok\",\"text\":7}").is(400),
                    endpoint.copy("a lone high surrogate in the title (it used to be stored as a question mark)")
                            .json("{\"title\":\"a\\ud800b\"}").is(400),
                    endpoint.copy("a lone low surrogate in the text").json("{\"title\":\"ok\",\"text\":\"\\udc00\"}")
                            .is(400),
                    endpoint.copy("a null title").json("{\"title\":null,\"text\":\"x\"}").is(422),
                    endpoint.copy("an empty title").json("{\"title\":\"\"}").is(422),
                    endpoint.copy("a title of spaces, tabs and line breaks").json("{\"title\":\" \\t\\r\\n \"}")
                            .is(422),
                    endpoint.copy("a title of 201 characters").json(task("t".repeat(201), "")).is(422),
                    endpoint.copy("a text of 2,001 characters").json(task("ok", "x".repeat(2_001))).is(422),
                    endpoint.copy("a title of 60,000 characters").json(task("t".repeat(60_000), "")).is(422),
                    endpoint.copy("a body of 10 MB").json(TEN_MEGABYTES_OF_JSON).is(413),
                    endpoint.copy("a body of 10 MB in chunks, without a length").json(TEN_MEGABYTES_OF_JSON).chunked()
                            .is(413),
                    endpoint.copy("10 MB of JSON, gzip-compressed to 10 KB").body(gzip(TEN_MEGABYTES_OF_JSON))
                            .header("Content-Type", "application/json").header("Content-Encoding", "gzip").is(413),
                    endpoint.copy("a NUL character in the title").json(task("nul\u0000", "")).is(422),
                    endpoint.copy("an escape character in the title").json(task("\u001B[31mred", "")).is(422),
                    endpoint.copy("a DEL character in the text").json(task("ok", "del\u007F")).is(422),
                    endpoint.copy("no Content-Type").body(aTask).is(415),
                    endpoint.copy("Content-Type text/plain, then application/json").body(aTask)
                            .header("Content-Type", "text/plain").header("Content-Type", "application/json").is(415),
                    endpoint.copy("Accept: text/html only").json(aTask).header("Accept", "text/html").is(406),
                    endpoint.copy("an Accept q-value that is not a number (it used to be a 500)").json(aTask)
                            .header("Accept", "application/json;q=high").is(400)));
        }
        rows.addAll(List.of(
                post.copy("JSON null").json("null").is(422),
                post.copy("an empty object").json("{}").is(422),
                tasks("a page of a million tasks", "GET", "/tasks?limit=1000000").is(400),
                tasks("a done filter that is not true or false", "GET", "/tasks?done=yes").is(400),
                tasks("SQL in the done filter", "GET", "/tasks?done=true%27%20OR%20%271%27=%271").is(400),
                tasks("a page of no tasks", "GET", "/tasks?limit=0").is(400),
                tasks("a page size that is not a number", "GET", "/tasks?limit=all").is(400),
                tasks("SQL in the page's start", "GET", "/tasks?before=1%20OR%201=1").is(400),
                tasks("a page's start beyond 64 bits", "GET", "/tasks?before=99999999999999999999").is(400),
                tasks("a NUL byte for the page's start", "GET", "/tasks?before=%00").is(400),
                tasks("PUT on the task list", "PUT", "/tasks").json(aTask).is(405),
                tasks("PATCH on the task list", "PATCH", "/tasks").json(aTask).is(405),
                tasks("DELETE on the task list", "DELETE", "/tasks").is(405),
                tasks("an id that is not a number", "DELETE", "/tasks/abc").is(404),
                tasks("a negative id", "DELETE", "/tasks/-1").is(404),
                tasks("id 0", "DELETE", "/tasks/0").is(404),
                tasks("a decimal id", "DELETE", "/tasks/1.5").is(404),
                tasks("an id beyond 64 bits", "DELETE", "/tasks/99999999999999999999").is(404),
                tasks("SQL in the id", "DELETE", "/tasks/1%20OR%201=1").is(404),
                tasks("a right-to-left override before the victim's task id", "DELETE",
                        "/tasks/%E2%80%AE" + victimsTask).is(404),
                tasks("a double-encoded path traversal", "DELETE", "/tasks/%252e%252e%252fetc%252fpasswd").is(404),
                tasks("another user's task", "DELETE", "/tasks/" + othersTask).is(404),
                tasks("another user's task, after a doubled slash", "DELETE", "/tasks//" + othersTask).is(404),
                // Through nginx, these paths resolve to /etc/passwd under the UI's folder, which refuses a DELETE.
                tasks("a path traversal to /etc/passwd", "DELETE", "/tasks/../../etc/passwd").is(400)
                        .butThroughNginx(405).libertyRefusesItself(),
                tasks("an encoded path traversal", "DELETE", "/tasks/..%2F..%2Fetc%2Fpasswd").is(400)
                        .butThroughNginx(405).libertyRefusesItself(),
                tasks("a path traversal with semicolons", "DELETE", "/tasks/..;/..;/etc/passwd").is(400)
                        .libertyRefusesItself(),
                tasks("a NUL byte for the id", "DELETE", "/tasks/%00").is(400).libertyRefusesItself()));
        rows.addAll(hostileChanges());
        return routed(rows.stream().map(Hostile::alsoThroughNginx).toArray(Hostile[]::new));
    }

    /** PATCH bodies aimed at the victim's task with the victim's own token: none may change it. */
    private List<Hostile> hostileChanges() {
        String change = "{\"title\":\"changed by an attacker\",\"done\":true}";
        Hostile patch = tasks("", "PATCH", "/tasks/" + victimsTask);
        return List.of(
                patch.copy("JSON null (a merge patch that would replace the task by nothing)").json("null").is(400),
                patch.copy("a JSON Patch (RFC 6902) instead of a merge patch")
                        .json("[{\"op\":\"replace\",\"path\":\"/done\",\"value\":true}]").is(400),
                patch.copy("another owner in the change (a member a task does not have)")
                        .json("{\"done\":true,\"ownerId\":\"" + other.userId() + "\"}").is(400),
                patch.copy("another id in the change").json("{\"id\":" + othersTask + ",\"done\":true}").is(400),
                patch.copy("a title that is an object").json("{\"title\":{\"a\":1},\"done\":true}").is(400),
                patch.copy("done as a string").json("{\"done\":\"true\"}").is(400),
                patch.copy("done as a number").json("{\"done\":1}").is(400),
                patch.copy("done null").json("{\"done\":null}").is(400),
                patch.copy("a lone surrogate in the title").json("{\"title\":\"a\\ud800b\",\"done\":true}").is(400),
                patch.copy("a title of spaces").json("{\"title\":\"  \",\"done\":true}").is(422),
                patch.copy("a title of 201 emoji").json(task("\uD83D\uDE42".repeat(201), "")).is(422),
                patch.copy("a text of 60,000 characters").json(task("ok", "x".repeat(60_000))).is(422),
                patch.copy("10 MB of JSON, gzip-compressed to 10 KB").body(gzip(TEN_MEGABYTES_OF_JSON))
                        .header("Content-Type", "application/merge-patch+json").header("Content-Encoding", "gzip")
                        .is(413),
                patch.copy("Content-Type application/json-patch+json").body(change)
                        .header("Content-Type", "application/json-patch+json").is(415),
                tasks("another user's task", "PATCH", "/tasks/" + othersTask).json(change).is(404),
                tasks("an id that is not a number", "PATCH", "/tasks/abc").json(change).is(404),
                tasks("an id beyond 64 bits", "PATCH", "/tasks/99999999999999999999").json(change).is(404),
                tasks("SQL in the id", "PATCH", "/tasks/1%20OR%201=1").json(change).is(404));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"toUsersService", "toTasksService"})
    void aHostileRequestGetsA4xxProblemQuicklyAndChangesNothing(Route route, Hostile hostile) {
        Reply reply = send(hostile.request(route));
        assertAll(
                () -> assertEquals(hostile.status(route), reply.status(), reply::toString),
                () -> assertTrue(reply.took().compareTo(QUICK) < 0, "slow: " + reply),
                () -> assertFalse(reply.body().contains("root:x:0:0"), "a file from outside the system: " + reply));
        if (route == Route.DIRECTLY && hostile.refusedByLiberty
                && !reply.contentType().startsWith(Http.PROBLEM_JSON)) {
            // Status, speed and content checked above; the format is the known gap: skipped, with the reason.
            Assumptions.abort("KNOWN GAP: " + LIBERTY_REFUSES_IT + " (" + reply.contentType() + ")");
        }
        reply.assertProblem();
    }

    @Test
    void pathTraversalThroughNginxNeverReachesAFileOutsideTheUi() {
        for (String path : List.of("/api/tasks/../../../../etc/passwd", "/api/tasks/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                "/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/api/users/..%2F..%2F..%2Fetc%2Fpasswd")) {
            Reply reply = send(request(RunningSystem.UI + path));
            assertFalse(reply.body().contains("root:x:0:0"), path + ": " + reply);
        }
    }

    /** After all the tests of the class: a failure here fails the class. */
    @AfterAll
    void afterEveryHostileRequestTheVictimsAccountAndTasksAreAsBefore() {
        String token = Account.logIn(victim.email(), victim.password());
        Reply victims = send(request(RunningSystem.TASKS_SERVICE + "/tasks")
                .header("Authorization", "Bearer " + token));
        Reply takeover = send(request(RunningSystem.USERS_SERVICE + "/login")
                .header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh()).header("Content-Type", "application/json")
                .POST(Http.json(credentials(victim.email(), TAKEOVER_PASSWORD))));
        Reply freeEmail = send(request(RunningSystem.USERS_SERVICE + "/signup")
                .header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh())
                .header("Content-Type", "application/json").POST(Http.json(credentials(FREE_EMAIL, SOME_PASSWORD))));
        assertAll(
                () -> assertEquals(victimsTasksBefore, victims.json().path("tasks"), "the victim's tasks"),
                () -> assertEquals(401, takeover.status(), "the takeover password logs in: " + takeover),
                () -> assertEquals(List.of(othersTask), ids(tasksOf(other)), "the other user's tasks"),
                () -> assertEquals(othersTasksBefore, tasksOf(other), "the other user's task, as it was"),
                () -> assertEquals(201, freeEmail.status(), "a hostile signup made an account: " + freeEmail));
    }

    /** Straight to the service, or through nginx on :8090, which strips /api/users or /api. */
    enum Route {
        DIRECTLY, THROUGH_NGINX;

        String url(Service service, String path) {
            if (this == DIRECTLY) {
                return (service == Service.USERS ? RunningSystem.USERS_SERVICE : RunningSystem.TASKS_SERVICE) + path;
            }
            return RunningSystem.UI + (service == Service.USERS ? "/api/users" : "/api") + path;
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    enum Service { USERS, TASKS }

    /** One hostile request: what it is, how it is sent, and the status it must get. */
    static final class Hostile {
        private final String what;
        private final Service service;
        private final String method;
        private final String path;
        private final List<String[]> headers = new ArrayList<>();
        private String authorization;
        private byte[] body;
        private boolean chunked;
        private int status;
        private final Set<Route> routes = EnumSet.of(Route.DIRECTLY);
        private final Map<Route, Integer> statusByRoute = new EnumMap<>(Route.class);
        private boolean refusedByLiberty;

        Hostile(String what, Service service, String method, String path) {
            this.what = what;
            this.service = service;
            this.method = method;
            this.path = path;
        }

        /** The same request under another name, to vary one thing of it. */
        Hostile copy(String what) {
            Hostile copy = new Hostile(what, service, method, path);
            copy.headers.addAll(headers);
            copy.authorization = authorization;
            copy.body = body;
            copy.chunked = chunked;
            return copy;
        }

        Hostile header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Hostile token(String authorizationHeader) {
            authorization = authorizationHeader;
            return this;
        }

        Hostile json(String json) {
            return header("Content-Type", "application/json").body(json);
        }

        Hostile body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        Hostile body(byte[] bytes) {
            body = bytes;
            return this;
        }

        /** Transfer-Encoding: chunked, so the size is only known by reading. */
        Hostile chunked() {
            chunked = true;
            return this;
        }

        Hostile is(int expected) {
            status = expected;
            return this;
        }

        Hostile alsoThroughNginx() {
            routes.add(Route.THROUGH_NGINX);
            return this;
        }

        /** nginx answers this one itself, with another status than the service would. */
        Hostile butThroughNginx(int statusThere) {
            routes.add(Route.THROUGH_NGINX);
            statusByRoute.put(Route.THROUGH_NGINX, statusThere);
            return this;
        }

        /** Straight to the service, see {@link #LIBERTY_REFUSES_IT}: checked for everything but the format. */
        Hostile libertyRefusesItself() {
            refusedByLiberty = true;
            return this;
        }

        int status(Route route) {
            return statusByRoute.getOrDefault(route, status);
        }

        HttpRequest.Builder request(Route route) {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            HttpRequest.Builder request = Http.request(route.url(service, path)).method(method, publisher);
            if (route == Route.DIRECTLY && service == Service.USERS) {
                // Each from a client of its own: users-service's limit per client would otherwise add them all up.
                request.header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh());
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            headers.forEach(header -> request.header(header[0], header[1]));
            return request;
        }

        @Override
        public String toString() {
            String shortPath = path.length() > 40 ? path.substring(0, 40) + "…" : path;
            return what + ": " + method + " " + shortPath + " → " + status;
        }
    }

    private static Hostile signup(String what) {
        return new Hostile(what, Service.USERS, "POST", "/signup");
    }

    private static Hostile login(String what) {
        return new Hostile(what, Service.USERS, "POST", "/login");
    }

    /** A request with the victim's valid token, unless the row says otherwise. */
    private Hostile tasks(String what, String method, String path) {
        return new Hostile(what, Service.TASKS, method, path).token(victim.bearer());
    }

    private static Stream<Arguments> routed(Hostile... rows) {
        return Stream.of(rows).flatMap(row -> row.routes.stream().map(route -> arguments(route, row)));
    }

    private static String credentials(String email, String password) {
        return toJson(Map.of("email", email, "password", password));
    }

    private static String task(String title, String text) {
        return toJson(Map.of("title", title, "text", text));
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(bytes)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static long add(Account account, String title, String text) {
        Reply reply = send(request(RunningSystem.TASKS_SERVICE + "/tasks").header("Authorization", account.bearer())
                .header("Content-Type", "application/json").POST(Http.json(task(title, text))));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().path("createdTask").path("id").asLong();
    }

    private static JsonNode tasksOf(Account account) {
        Reply reply = send(request(RunningSystem.TASKS_SERVICE + "/tasks").header("Authorization", account.bearer()));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().path("tasks");
    }

    private static List<Long> ids(JsonNode tasks) {
        List<Long> ids = new ArrayList<>();
        tasks.forEach(task -> ids.add(task.path("id").asLong()));
        return ids;
    }
}
