package it.dev.kubenet.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static it.dev.kubenet.system.Http.request;
import static it.dev.kubenet.system.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.kubenet.common.testing.LibertyServer;
import it.dev.kubenet.system.Http.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/** What a person does in the UI, in a real headless Chromium (Debian's), against the system ./run.sh started. */
@ExtendWith(RunningSystem.class)
class BrowserIT {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final LocatorAssertions.ContainsTextOptions SLOW = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(20_000);

    private static Playwright playwright;
    private static Browser browser;

    private BrowserContext context;
    private Page page;
    private final List<String> dialogs = new ArrayList<>();

    /** A picture of the page as it was when a test failed. */
    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext extension, Throwable cause) {
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve(extension.getRequiredTestMethod().getName() + ".png")));
        }
    };

    @BeforeAll
    static void launchChromium() {
        // The browser is the OS's: Playwright must neither download one nor look for its own.
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("chromium.path", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void closeChromium() {
        browser.close();
        playwright.close();
    }

    @BeforeEach
    void newBrowserTab() {
        page = newTab();
    }

    @AfterEach
    void closeTab() {
        context.close();
    }

    private Page newTab() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(900, 800));
        Page tab = context.newPage();
        tab.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        tab.navigate(RunningSystem.UI);
        return tab;
    }

    private static String newEmail() {
        return "browser-" + UUID.randomUUID() + "@example.com";
    }

    private static void signUp(Page page, String email, String password) {
        page.getByLabel("Email").last().fill(email);
        page.locator("#signup-password").fill(Secrets.password(password));
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign up")).click();
        assertThat(page.locator("#tasks-view")).isVisible();
        Secrets.token((String) page.evaluate("sessionStorage.getItem('token')"));
    }

    private static void logIn(Page page, String email, String password) {
        Secrets.password(password);
        page.locator("#login-email").fill(email);
        page.locator("#login-password").fill(password);
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Log in")).click();
    }

    private static void addTask(Page page, String title, String text) {
        int before = page.locator("#task-list li").count();
        page.getByLabel("Title").fill(title);
        page.locator("#task-text").fill(text);
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Add task")).click();
        assertThat(page.locator("#task-list li")).hasCount(before + 1);
    }

    private static Locator titles(Page page) {
        return page.locator("#task-list li h3");
    }

    @Test
    void signUpAddTwoTasksReloadDeleteOneAndLogOut() {
        signUp(page, newEmail(), "correct horse");
        assertThat(page.locator("#tasks-empty")).isVisible();

        addTask(page, "Buy milk", "2 litres");
        addTask(page, "Walk the dog", "");
        assertThat(titles(page)).hasText(new String[] {"Walk the dog", "Buy milk"});

        page.reload();
        assertThat(titles(page)).hasText(new String[] {"Walk the dog", "Buy milk"});
        assertThat(page.locator("#task-list li").last()).containsText("2 litres");
        assertThat(page.locator("#task-list li").last()).containsText("Created");
        assertThat(page.locator("#older-tasks")).isHidden();

        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Delete task: Buy milk")).click();
        assertThat(titles(page)).hasText(new String[] {"Walk the dog"});

        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page.locator("#login-form")).isVisible();
        assertThat(page.locator("#notice")).hasText("You are logged out.");
        page.reload();
        assertThat(page.locator("#login-form")).isVisible();
    }

    @Test
    void theNewest100TasksComeFirstAndOlderOnesOnRequest() {
        signUp(page, newEmail(), "correct horse");
        String token = (String) page.evaluate("sessionStorage.getItem('token')");
        for (int i = 1; i <= 101; i++) {
            Reply stored = send(request(RunningSystem.TASKS_SERVICE + "/tasks")
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(Http.json("{\"title\":\"task " + i + "\"}")));
            assertEquals(201, stored.status(), stored::toString);
        }
        page.reload();
        assertThat(titles(page)).hasCount(100);
        assertThat(titles(page).first()).hasText("task 101");
        assertThat(titles(page).last()).hasText("task 2");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show older tasks")).click();
        assertThat(titles(page)).hasCount(101);
        assertThat(titles(page).last()).hasText("task 1");
        assertThat(page.locator("#older-tasks")).isHidden();

        // Deleting the oldest task keeps the older page open; a new task shows at the top of the newest page.
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Delete task: task 1").setExact(true)).click();
        assertThat(titles(page)).hasCount(100);
        assertThat(titles(page).last()).hasText("task 2");
        page.getByLabel("Title").fill("task 102");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add task")).click();
        assertThat(titles(page).first()).hasText("task 102");
        assertThat(titles(page)).hasCount(100);
        assertThat(page.locator("#older-tasks")).isVisible();
    }

    @Test
    void aSecondUserSeesNoneOfTheFirstUsersTasks() {
        String first = newEmail();
        signUp(page, first, "correct horse");
        addTask(page, "Only mine", "");
        context.close();

        page = newTab();
        signUp(page, newEmail(), "another horse");
        assertThat(page.locator("#tasks-empty")).isVisible();
        assertThat(titles(page)).hasCount(0);

        context.close();
        page = newTab();
        logIn(page, first, "correct horse");
        assertThat(titles(page)).hasText(new String[] {"Only mine"});
    }

    @Test
    void whatAUserTypesIsShownAsTextAndNeverRun() {
        signUp(page, newEmail(), "correct horse");
        String title = "<img src=x onerror=alert(1)>";
        addTask(page, title, "<script>alert(2)</script>");
        assertThat(titles(page)).hasText(new String[] {title});
        assertThat(page.locator("#task-list img")).hasCount(0);
        assertThat(page.locator("#task-list script")).hasCount(0);
        page.reload();
        assertThat(titles(page)).hasText(new String[] {title});
        assertEquals(List.of(), dialogs, "a dialog opened: user input ran as code");
    }

    @Test
    void anExpiredSessionSendsTheUserBackToLogIn() {
        signUp(page, newEmail(), "correct horse");
        // What the browser holds when the token has expired or the key has changed: a token auth-service rejects.
        page.evaluate("sessionStorage.setItem('token', '"
                + Secrets.token("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.expired") + "')");
        page.reload();
        assertThat(page.locator("#login-form")).isVisible();
        assertThat(page.locator("#notice")).hasText("Your session has expired. Please log in again.");
    }

    @Test
    void aWrongPasswordShowsAnError() {
        String email = newEmail();
        signUp(page, email, "correct horse");
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Log out")).click();
        logIn(page, email, "wrong horse!");
        assertThat(page.locator("#login-error")).hasText("Wrong email or password.");
        assertThat(page.locator("#tasks-view")).isHidden();
    }

    @Test
    void aTakenEmailAndAShortPasswordAreExplained() {
        String email = newEmail();
        signUp(page, email, "correct horse");
        context.close();
        page = newTab();
        page.locator("#signup-email").fill(email);
        page.locator("#signup-password").fill("correct horse");
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign up")).click();
        assertThat(page.locator("#signup-error")).containsText("already exists");
        page.locator("#signup-email").fill(newEmail());
        page.locator("#signup-password").fill("short");
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign up")).click();
        assertThat(page.locator("#signup-error")).containsText("8 to 128 characters");
    }

    @Test
    void withAuthServiceStoppedTheUiSaysSoAndWorksAgainWithoutAReload() {
        signUp(page, newEmail(), "correct horse");
        addTask(page, "Before the outage", "");
        Instant lastVerified = Instant.now();
        LibertyServer auth = RunServers.auth();
        auth.stop();
        try {
            // Until then, tasks-service still trusts auth-service's last "yes" for this user's token.
            page.waitForTimeout(Math.max(0, Duration.between(Instant.now(),
                    lastVerified.plus(RunningSystem.TOKEN_CACHE)).toMillis()));
            page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Refresh")).click();
            assertThat(page.locator("#notice")).containsText("unavailable", SLOW);
            page.getByLabel("Title").fill("During the outage");
            page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Add task")).click();
            assertThat(page.locator("#task-error")).containsText("unavailable", SLOW);
        } finally {
            auth.start();
        }
        // Same page, no reload: the circuit breaker lets calls through again by itself.
        for (int attempt = 0; attempt < 20 && page.locator("#task-list li").count() < 2; attempt++) {
            page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Add task")).click();
            page.waitForTimeout(1000);
        }
        assertThat(titles(page)).hasText(new String[] {"During the outage", "Before the outage"});
        assertThat(page.locator("#notice")).isHidden();
    }
}
