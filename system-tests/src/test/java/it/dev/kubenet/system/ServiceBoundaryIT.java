package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.LibertyServer;
import dev.kubenet.common.testing.SelfMadeHash;
import dev.kubenet.common.testing.ServiceCaller;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacks on auth-service of a process that can reach it (on this machine, any process: it listens on
 * localhost:8070), and on the keys this repository publishes, against the system that ./run.sh runs.
 * <p>
 * Each attack here succeeded on eb36a93, before callers had to prove who they are: {@code POST /token} with a
 * self-made hash answered 200 and a token that read the victim's tasks, {@code /hashed-password},
 * {@code /verify-token} and {@code /revoked-tokens} answered anyone, and run.sh's signing key was the only one, so the
 * committed keys failed there only by luck of the local run (Compose and Kubernetes ran with the committed one).
 */
@ExtendWith(RunningSystem.class)
class ServiceBoundaryIT {

    private static final String AUTH_SERVICE = "http://localhost:8070";
    private static final String PROBLEM_JSON = "application/problem+json";

    private static RequestSpecification toAuthService() {
        return given().baseUri(AUTH_SERVICE);
    }

    /** The keys run.sh made for the two callers: what a process that stole one of them could do. */
    private static ServiceCaller runKey(String service) {
        return ServiceCaller.withKeyFile(service, RunningSystem.SECRETS.resolve(service + ".key"));
    }

    private static String recorded(String assertionHeader) {
        Secrets.token(assertionHeader.substring("Bearer ".length()));
        return assertionHeader;
    }

    @ParameterizedTest(name = "PBKDF2 with {0} iterations")
    @ValueSource(ints = {1, 600_000})
    void anOutsiderCannotMintATokenForAnyUserWithASelfMadeHash(int iterations) {
        Account victim = Account.signUp("victim");
        String password = Secrets.password("attacker's own password");
        Response answer = toAuthService().contentType(ContentType.JSON)
                .body(Map.of("userId", victim.userId(), "password", password,
                        "hashedPassword", SelfMadeHash.of(password, iterations)))
                .when().post("/token");
        answer.then().statusCode(401).contentType(PROBLEM_JSON).body("$", not(hasKey("token")))
                .body("detail", containsString(ServiceCaller.HEADER));
    }

    @Test
    void anOutsiderCannotHashCheckOrRevoke() {
        Account victim = Account.signUp("victim");
        toAuthService().contentType(ContentType.JSON).body(Map.of("password", Secrets.password("any password")))
                .when().post("/hashed-password")
                .then().statusCode(401).contentType(PROBLEM_JSON).body("$", not(hasKey("hashedPassword")));
        toAuthService().header("Authorization", victim.bearer()).when().get("/verify-token")
                .then().statusCode(401).contentType(PROBLEM_JSON).body("$", not(hasKey("uid")));
        toAuthService().header("Authorization", victim.bearer()).when().post("/revoked-tokens")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        // The victim is still logged in.
        given().baseUri(RunningSystem.TASKS_SERVICE).header("Authorization", victim.bearer())
                .when().get("/tasks").then().statusCode(200);
    }

    @Test
    void theRepositorysDevelopmentKeysProveNothingHere() {
        for (String service : new String[] {"users-service", "tasks-service"}) {
            toAuthService().header(ServiceCaller.HEADER, recorded(ServiceCaller.development(service).header()))
                    .contentType(ContentType.JSON).body(Map.of("password", Secrets.password("any password")))
                    .when().post("/hashed-password")
                    .then().statusCode(401).contentType(PROBLEM_JSON);
        }
    }

    @Test
    void aKeyOfTheAttackersOwnProvesNothing() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ServiceCaller impostor = new ServiceCaller("users-service", generator.generateKeyPair().getPrivate());
        toAuthService().header(ServiceCaller.HEADER, recorded(impostor.header()))
                .contentType(ContentType.JSON).body(Map.of("password", Secrets.password("any password")))
                .when().post("/hashed-password")
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }

    /** tasks-service only checks tokens: its key, were it stolen, issues none, hashes nothing and logs no one out. */
    @Test
    void tasksServicesKeyOnlyChecksTokens() {
        Account victim = Account.signUp("victim");
        ServiceCaller tasks = runKey("tasks-service");
        String password = Secrets.password("attacker's own password");
        toAuthService().header(ServiceCaller.HEADER, recorded(tasks.header())).contentType(ContentType.JSON)
                .body(Map.of("userId", victim.userId(), "password", password,
                        "hashedPassword", SelfMadeHash.of(password, 600_000)))
                .when().post("/token")
                .then().statusCode(403).contentType(PROBLEM_JSON).body("$", not(hasKey("token")));
        toAuthService().header(ServiceCaller.HEADER, recorded(tasks.header())).header("Authorization", victim.bearer())
                .when().post("/revoked-tokens")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        toAuthService().header(ServiceCaller.HEADER, recorded(tasks.header())).header("Authorization", victim.bearer())
                .when().get("/verify-token")
                .then().statusCode(200);
    }

    /**
     * auth-service restarted with the tests' signing key, which is in git: it answers no one, users-service included,
     * and its readiness and its log say why; with run.sh's own key again, it serves as before.
     */
    @Test
    void withAPublishedSigningKeyAuthServiceAnswersNoOneAndSaysWhy() throws IOException {
        Path published = Files.writeString(RunningSystem.RUN_DIR.resolve("published-signing-key"),
                "dGVzdC1vbmx5LXNpZ25pbmcta2V5LW5ldmVyLXVzZS1pbi1wcm9kdWN0aW9u");
        LibertyServer withPublishedKey = RunServers.auth(Map.of("JWT_SIGNING_KEY_FILE", published.toString()));
        withPublishedKey.stop();
        try {
            withPublishedKey.startUntilStarted();
            toAuthService().when().get("/health/ready")
                    .then().statusCode(503)
                    .body("checks.find { it.name == 'keys' }.data.'signing key'",
                            containsString("published in this repository"));
            toAuthService().header(ServiceCaller.HEADER, recorded(runKey("users-service").header()))
                    .contentType(ContentType.JSON).body(Map.of("password", Secrets.password("any password")))
                    .when().post("/hashed-password")
                    .then().statusCode(503).contentType(PROBLEM_JSON);
            assertTrue(Files.readString(RunningSystem.RUN_DIR.resolve("logs/auth-service/messages.log"))
                    .contains("published in this repository"), "auth-service's log says why");
        } finally {
            withPublishedKey.stop();
            RunServers.auth().start();
        }
        toAuthService().header(ServiceCaller.HEADER, recorded(runKey("users-service").header()))
                .contentType(ContentType.JSON).body(Map.of("password", Secrets.password("any password")))
                .when().post("/hashed-password")
                .then().statusCode(200);
    }

    /**
     * Every token signing key that is or was in the repository (the demo Secret of deploy/, the tests' key), and any
     * that a file of the checkout holds: a token signed with one is refused, because run.sh's auth-service signs with
     * its own.
     */
    @Test
    void tokensSignedWithEveryKeyInTheRepositoryAreRefused() throws IOException {
        Account victim = Account.signUp("victim");
        Set<String> keys = new TreeSet<>(Set.of("Jgq9CZchL7E7hZRXvNOBF35iSdSN34zKulOH8nfcvT4=",
                "dGVzdC1vbmx5LXNpZ25pbmcta2V5LW5ldmVyLXVzZS1pbi1wcm9kdWN0aW9u"));
        keys.addAll(signingKeysInTheCheckout());
        for (String key : keys) {
            String forged = Secrets.token(ForgedTokens.signedWith(victim.userId(),
                    new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256")));
            given().baseUri(RunningSystem.UI).header("Authorization", "Bearer " + forged)
                    .when().get("/api/tasks")
                    .then().statusCode(401).contentType(PROBLEM_JSON);
        }
    }

    private static Set<String> signingKeysInTheCheckout() throws IOException {
        Pattern assignment = Pattern.compile("(?:JWT_SIGNING_KEY\\s*[=:]\\s*|signing-key:\\s*)([A-Za-z0-9+/]{40,}=*)");
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(RunningSystem.ROOT)) {
            for (Path file : files.filter(path -> !path.toString().contains("/target/")
                    && !path.toString().contains("/.git/") && !path.toString().contains("/.run/")
                    && !path.toString().contains("/node_modules/") && Files.isRegularFile(path)
                    && path.toFile().length() < 1_000_000).toList()) {
                Matcher matcher = assignment.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                while (matcher.find()) {
                    found.add(matcher.group(1));
                }
            }
        }
        assertFalse(found.isEmpty(), "the tests' own key is in the checkout, so the search finds at least it");
        return found;
    }
}
