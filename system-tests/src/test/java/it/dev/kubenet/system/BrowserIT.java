package it.dev.kubenet.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static it.dev.kubenet.system.Http.request;
import static it.dev.kubenet.system.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.kubenet.common.testing.LibertyServer;
import dev.kubenet.common.testing.Poll;
import it.dev.kubenet.system.Http.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

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

    /**
     * A picture of the page as it was when a test failed. Taken as the failure leaves the test, before
     * {@link #closeTab()} (a TestWatcher is told only after that, when the page is gone).
     */
    @RegisterExtension
    final TestExecutionExceptionHandler screenshotOnFailure = (extension, failure) -> {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(SCREENSHOTS.resolve(extension.getRequiredTestMethod().getName() + ".png")));
        throw failure;
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
        return newTab(900, 800);
    }

    private Page newTab(int width, int height) {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
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

        // The loading indicator shows by the button that was pressed, and the keyboard focus goes to the first task
        // it brought once the button is gone.
        List<Route> held = new CopyOnWriteArrayList<>();
        page.route(url -> url.contains("/api/tasks?before="), held::add);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show older tasks")).focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#older-loading")).isVisible();
        assertThat(page.locator("#tasks-loading")).isHidden();
        page.unrouteAll();
        held.forEach(Route::resume);
        assertThat(titles(page)).hasCount(101);
        assertThat(titles(page).last()).hasText("task 1");
        assertThat(page.locator("#older-tasks")).isHidden();
        assertThat(page.locator("#older-loading")).isHidden();
        assertEquals("task 1", focused(page));
        assertThat(page.locator("#announcer")).hasText("1 older task loaded.");

        // Deleting the oldest task keeps the older page open; a new task shows at the top, above the pages opened.
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Delete task: task 1").setExact(true)).click();
        assertThat(titles(page)).hasCount(100);
        assertThat(titles(page).last()).hasText("task 2");
        page.getByLabel("Title").fill("task 102");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add task")).click();
        assertThat(titles(page).first()).hasText("task 102");
        assertThat(titles(page)).hasCount(101);
        assertThat(titles(page).last()).hasText("task 2");

        // Refresh reloads every page opened, where the person is, and leaves them where they were on the page.
        page.locator("#task-list li").nth(60).scrollIntoViewIfNeeded();
        page.evaluate("window.scrollBy(0, -200)");
        page.evaluate("document.getElementById('refresh').focus({preventScroll: true})");
        double scrolled = ((Number) page.evaluate("window.scrollY")).doubleValue();
        held.clear();
        page.route(url -> url.endsWith("/api/tasks"), held::add);
        page.keyboard().press("Enter");
        assertThat(page.locator("#refresh-loading")).isVisible();
        assertThat(page.locator("#tasks-loading")).isHidden();
        page.unrouteAll();
        held.forEach(Route::resume);
        assertThat(page.locator("#refresh-loading")).isHidden();
        assertThat(titles(page)).hasCount(101);
        assertThat(titles(page).last()).hasText("task 2");
        assertEquals(scrolled, ((Number) page.evaluate("window.scrollY")).doubleValue(), 1.0, "scroll position");
        assertThat(page.locator("#older-tasks")).isHidden();
    }

    @Test
    void theTotalNumberOfTasksIsShownAsTheServiceCountsIt() {
        Account account = Account.signUp("browser-total");
        for (int i = 1; i <= 7; i++) {
            Reply stored = send(request(RunningSystem.TASKS_SERVICE + "/tasks")
                    .header("Authorization", account.bearer()).header("Content-Type", "application/json")
                    .POST(Http.json("{\"title\":\"task " + i + "\"}")));
            assertEquals(201, stored.status(), stored::toString);
        }
        openAs(page, account);
        assertThat(page.locator("#tasks-total")).hasText("(7 tasks)");
        addTask(page, "the eighth", "");
        assertThat(page.locator("#tasks-total")).hasText("(8 tasks)");
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
        assertThat(page.locator("#signup-email-error")).containsText("already exists");
        page.locator("#signup-email").fill(newEmail());
        page.locator("#signup-password").fill("short");
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign up")).click();
        assertThat(page.locator("#signup-password-error")).containsText("8 to 128 characters");
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

    /** A page logged in as an account made straight at users-service: no login through nginx's rate limit. */
    private static void openAs(Page page, Account account) {
        page.evaluate("([token, email]) => { sessionStorage.setItem('token', token);"
                + " sessionStorage.setItem('email', email); }", List.of(account.token(), account.email()));
        page.reload();
        assertThat(page.locator("#tasks-view")).isVisible();
    }

    /** What has the keyboard focus: an element's id, else its accessible label or its text. */
    private static String focused(Page page) {
        return (String) page.evaluate("() => { const e = document.activeElement;"
                + " return e.id || e.getAttribute('aria-label') || e.textContent.trim(); }");
    }

    private static List<String> taskTitlesOnTheServer(Account account) {
        Reply reply = send(request(RunningSystem.TASKS_SERVICE + "/tasks").header("Authorization", account.bearer()));
        assertEquals(200, reply.status(), reply::toString);
        List<String> titles = new ArrayList<>();
        reply.json().path("tasks").forEach(task -> titles.add(task.path("title").asText()));
        return titles;
    }

    /** axe-core finds nothing to fix in the page as it is now. */
    private static void assertAccessible(Page page, String state) {
        List<Rule> violations = new AxeBuilder(page).analyze().getViolations();
        assertEquals("", violations.stream()
                .map(rule -> rule.getId() + ": " + rule.getHelp() + " " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n")), "axe-core violations in " + state);
    }

    /** The contrast between the focused element's focus ring and the background around it (WCAG 2 formula). */
    private static double focusRingContrast(Page page) {
        return ((Number) page.evaluate("""
                () => {
                    const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
                    const luminance = (c) => {
                        const [r, g, b] = rgb(c).slice(0, 3).map((v) => {
                            v /= 255;
                            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
                        });
                        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
                    };
                    const e = document.activeElement;
                    let around = e.parentElement;
                    while (around && (getComputedStyle(around).backgroundColor === 'rgba(0, 0, 0, 0)'
                            || getComputedStyle(around).backgroundColor === 'transparent')) {
                        around = around.parentElement;
                    }
                    const ring = luminance(getComputedStyle(e).outlineColor);
                    const background = luminance(around ? getComputedStyle(around).backgroundColor : 'rgb(255,255,255)');
                    return (Math.max(ring, background) + 0.05) / (Math.min(ring, background) + 0.05);
                }""")).doubleValue();
    }

    /** The characters after which the text of an element breaks onto a new line, as laid out now. */
    @SuppressWarnings("unchecked")
    private static List<String> lineBreaksIn(Page page, String selector) {
        return (List<String>) page.evaluate("""
                (selector) => {
                    const breaks = [];
                    let previous = null;
                    const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                        for (let i = 0; i < node.length; i++) {
                            const range = document.createRange();
                            range.setStart(node, i);
                            range.setEnd(node, i + 1);
                            const rect = range.getClientRects()[0];
                            if (!rect) continue;
                            if (previous && rect.top > previous.top + 2) breaks.push(previous.character);
                            previous = {top: rect.top, character: node.data[i]};
                        }
                    }
                    return breaks;
                }""", selector);
    }

    @Test
    void afterAnExpiredSessionNothingOfThePreviousUserStaysInThePage() {
        Account first = Account.signUp("browser-first");
        openAs(page, first);
        addTask(page, "First user's own task", "");
        page.getByLabel("Title").fill("First user's draft");
        page.evaluate("sessionStorage.setItem('token', '"
                + Secrets.token("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.expired") + "')");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh")).click();
        assertThat(page.locator("#notice")).hasText("Your session has expired. Please log in again.");
        assertThat(page.locator("#task-list li")).hasCount(0);
        assertThat(page.locator("#task-title")).hasValue("");

        // The next user's tasks fail to load (anything but a 401): the first user's list must not come back.
        String second = newEmail();
        Account.signUpWith(second, "another horse");
        page.route("**/api/tasks", route -> route.fulfill(new Route.FulfillOptions().setStatus(503)
                .setContentType("application/problem+json")
                .setBody("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"detail\":\"The service is unavailable right now.\"}")));
        logIn(page, second, "another horse");
        assertThat(page.locator("#who")).hasText(second);
        assertThat(page.locator("#notice")).containsText("unavailable");
        assertThat(page.locator("#task-list li")).hasCount(0);
        assertFalse(page.content().contains("First user's"), "the first user's task or draft is in the page");
    }

    @Test
    void logOutClearsEveryFormAndDraftAndEndsTheSessionOnTheServer() {
        Account account = Account.signUp("browser-logout");
        logIn(page, account.email(), account.password());
        assertThat(page.locator("#tasks-view")).isVisible();
        String token = Secrets.token((String) page.evaluate("sessionStorage.getItem('token')"));
        addTask(page, "Deleted just before logging out", "");
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Delete task: Deleted just before logging out")).click();
        page.getByLabel("Title").fill("An unsent draft");
        page.locator("#task-text").fill("with its text");

        Response logout = page.waitForResponse("**/api/users/logout", () -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Log out")).click());
        assertEquals("POST", logout.request().method());
        assertEquals("Bearer " + token, logout.request().headerValue("authorization"));
        assertEquals(204, logout.status());
        assertThat(page.locator("#login-form")).isVisible();
        assertThat(page.locator("#notice")).hasText("You are logged out.");
        // The deletion was sent, with the token, before the session ended: nothing the person asked for is lost.
        // (The account's own session, from before the browser's login, is another one: it still works.)
        assertEquals(List.of(), taskTitlesOnTheServer(account));
        // The session has ended on the server: tasks-service refuses the token once its cache has let it go.
        Poll.until(RunningSystem.TOKEN_CACHE.plusSeconds(5), Duration.ofMillis(500), "the token refused",
                () -> send(request(RunningSystem.TASKS_SERVICE + "/tasks").header("Authorization", "Bearer " + token))
                        .status() == 401);
        for (String field : List.of("#login-email", "#login-password", "#signup-email", "#signup-password",
                "#task-title", "#task-text")) {
            assertThat(page.locator(field)).hasValue("");
        }
        assertFalse(page.content().contains("unsent draft"), "the draft is still in the page");
        assertEquals(null, page.evaluate("sessionStorage.getItem('token')"));
    }

    @Test
    void whenTheServerCannotBeToldOfALogoutThePageSaysUntilWhenTheSessionLasts() {
        Account account = Account.signUp("browser-logout-offline");
        openAs(page, account);
        page.route("**/api/users/logout", Route::abort);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page.locator("#login-form")).isVisible();
        assertEquals(null, page.evaluate("sessionStorage.getItem('token')"), "this tab forgets the session at once");
        assertThat(page.locator("#notice")).containsText("the server could not be reached to end your session there."
                + " It ends by itself at ", SLOW);
    }

    @Test
    void messagesStandByTheirFieldOnceAndGoWhenNoLongerTrue() {
        Account taken = Account.signUp("browser-taken");
        openAs(page, taken);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page.locator("#notice")).hasText("You are logged out.");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
        assertThat(page.locator("#notice")).isHidden();
        assertThat(page.locator("#signup-email-error")).hasText("Enter your email address.");
        assertThat(page.locator("#signup-password-error")).hasText("A password needs 8 to 128 characters.");
        assertThat(page.locator("#signup-error")).hasText("");
        assertThat(page.locator("#signup-email")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#signup-password")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Email").last()).hasAccessibleDescription("Enter your email address.");
        assertEquals("signup-email", focused(page));

        page.locator("#signup-email").fill("someone@example.com");
        assertThat(page.locator("#signup-email-error")).hasText("");
        assertThat(page.locator("#signup-email")).not().hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#signup-password-error")).hasText("A password needs 8 to 128 characters.");

        page.locator("#signup-email").fill(taken.email());
        page.locator("#signup-password").fill(Secrets.password("some other horse"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
        assertThat(page.locator("#signup-email-error")).containsText("already exists");
        assertThat(page.locator("#signup-password-error")).hasText("");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Log in instead?")).click();
        assertThat(page.locator("#login-email")).hasValue(taken.email());
        assertEquals("login-password", focused(page));
    }

    @Test
    void aKeyboardOnlyJourney() {
        page.keyboard().press("Tab");
        assertEquals("login-email", focused(page));
        page.keyboard().type("nobody-" + UUID.randomUUID() + "@example.com");
        page.keyboard().press("Tab");
        page.keyboard().type(Secrets.password("wrong horse!"));
        page.keyboard().press("Tab");
        assertEquals("Log in", focused(page));
        page.keyboard().press("Enter");
        assertThat(page.locator("#login-error")).hasText("Wrong email or password.");
        assertEquals("Log in", focused(page), "the focus stays on the button that was pressed");
        assertTrue(focusRingContrast(page) >= 3, "focus ring contrast " + focusRingContrast(page));

        page.keyboard().press("Tab");
        assertEquals("signup-email", focused(page));
        String email = newEmail();
        page.keyboard().type(email);
        page.keyboard().press("Tab");
        page.keyboard().type("short");
        page.keyboard().press("Tab");
        page.keyboard().press("Enter");
        assertThat(page.locator("#signup-password-error")).hasText("A password needs 8 to 128 characters.");
        assertEquals("signup-password", focused(page), "the focus goes to the field to fix");
        Secrets.password("short and long enough");
        page.keyboard().type(" and long enough");
        assertThat(page.locator("#signup-password-error")).hasText("");
        page.keyboard().press("Enter");
        assertThat(page.locator("#tasks-view")).isVisible();
        Secrets.token((String) page.evaluate("sessionStorage.getItem('token')"));
        assertEquals("task-title", focused(page));
        assertThat(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("My tasks"))).isAttached();

        page.keyboard().type("First by keyboard");
        page.keyboard().press("Enter");
        assertThat(titles(page)).hasText(new String[] {"First by keyboard"});
        assertEquals("task-title", focused(page));
        page.keyboard().type("Second by keyboard");
        page.keyboard().press("Enter");
        assertThat(titles(page)).hasText(new String[] {"Second by keyboard", "First by keyboard"});

        for (String next : List.of("task-text", "Add task", "refresh", "filter-all", "Done: Second by keyboard",
                "Edit task: Second by keyboard")) {
            page.keyboard().press("Tab");
            assertEquals(next, focused(page));
        }
        page.keyboard().press("Enter");
        assertEquals("Title", (String) page.evaluate("document.activeElement.labels[0].textContent"),
                "editing starts in the task's title");
        page.keyboard().type("Second, edited");
        page.keyboard().press("Enter");
        assertThat(titles(page)).hasText(new String[] {"Second, edited", "First by keyboard"});
        assertEquals("Edit task: Second, edited", focused(page), "the focus goes back to the task's Edit button");
        page.keyboard().press("Shift+Tab");
        assertEquals("Done: Second, edited", focused(page));
        page.keyboard().press("Space");
        assertThat(page.locator("#task-list li").first()).hasClass("done");
        assertThat(page.locator("#announcer")).hasText("Done: Second, edited");
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        assertEquals("Delete task: Second, edited", focused(page));
        assertTrue(focusRingContrast(page) >= 3, "focus ring contrast " + focusRingContrast(page));
        page.keyboard().press("Enter");
        assertEquals("Undo delete: Second, edited", focused(page));
        assertThat(page.locator("#announcer")).containsText("Task deleted: Second, edited");
        page.keyboard().press("Enter");
        assertThat(titles(page)).hasText(new String[] {"Second, edited", "First by keyboard"});
        assertEquals("Delete task: Second, edited", focused(page));

        page.keyboard().press("Enter");
        assertEquals("Undo delete: Second, edited", focused(page));
        assertThat(page.locator("#task-list li")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(15_000));
        assertEquals("Delete task: First by keyboard", focused(page), "the focus moves on to the next task");

        for (int i = 0; i < 10 && !"logout".equals(focused(page)); i++) {
            page.keyboard().press("Shift+Tab");
        }
        assertEquals("logout", focused(page));
        assertTrue(focusRingContrast(page) >= 3, "focus ring contrast in the header " + focusRingContrast(page));
        page.keyboard().press("Enter");
        assertThat(page.locator("#login-form")).isVisible();
        assertEquals("login-email", focused(page));
    }

    @Test
    void aTaskIsEditedAndMarkedDoneInPlaceAndTheListShowsOpenDoneOrAll() {
        Account account = Account.signUp("browser-edit");
        openAs(page, account);
        addTask(page, "Buy milk", "2 litres");
        addTask(page, "Walk the dog", "");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit task: Buy milk")).click();
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Edit task: Buy milk"));
        assertThat(form.getByLabel("Title")).isFocused();
        assertThat(form.getByLabel("Text")).hasValue("2 litres");
        form.getByLabel("Title").fill("");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(form.getByLabel("Title")).hasAccessibleDescription(Pattern.compile("Enter a title."));
        form.getByLabel("Title").fill("x".repeat(201));
        assertThat(form.getByText("201 / 200 (1 too many)")).isVisible();
        form.getByLabel("Title").press("Escape");
        assertThat(titles(page)).hasText(new String[] {"Walk the dog", "Buy milk"});
        assertEquals("Edit task: Buy milk", focused(page), "Escape goes back to the task's Edit button");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit task: Buy milk")).click();
        form.getByLabel("Title").fill("Buy oat milk");
        form.getByLabel("Text").fill("1 litre");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("editing.png")));
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(titles(page)).hasText(new String[] {"Walk the dog", "Buy oat milk"});
        assertThat(page.locator("#task-list li").last()).containsText("1 litre");
        assertEquals("Edit task: Buy oat milk", focused(page));

        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Done: Walk the dog")).check();
        assertThat(page.locator("#task-list li").first()).hasClass("done");
        assertThat(page.locator("#announcer")).hasText("Done: Walk the dog");
        assertEquals(Map.of("Buy oat milk", "1 litre false", "Walk the dog", " true"), tasksOnTheServer(account));
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("done.png")));

        page.getByLabel("Open").check();
        assertThat(titles(page)).hasText(new String[] {"Buy oat milk"});
        assertThat(page.locator("#tasks-total")).hasText("(1 open task)");
        page.getByLabel("Done", new Page.GetByLabelOptions().setExact(true)).check();
        assertThat(titles(page)).hasText(new String[] {"Walk the dog"});
        assertThat(page.locator("#tasks-total")).hasText("(1 done task)");
        // Unticked under "Done", the task stays where it was until the list is loaded again: a slip is undone there.
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Done: Walk the dog")).uncheck();
        assertThat(page.locator("#tasks-total")).hasText("(0 done tasks)");
        assertThat(titles(page)).hasText(new String[] {"Walk the dog"});
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh")).click();
        assertThat(page.locator("#tasks-empty")).hasText("No done tasks.");
        page.getByLabel("All").check();
        assertThat(titles(page)).hasText(new String[] {"Walk the dog", "Buy oat milk"});
        assertThat(page.locator("#tasks-total")).hasText("(2 tasks)");

        // Deleted in another tab: ticking it says so and changes nothing.
        long id = Long.parseLong(page.locator("#task-list li").first().getAttribute("data-id"));
        assertEquals(204, send(request(RunningSystem.TASKS_SERVICE + "/tasks/" + id)
                .header("Authorization", account.bearer()).DELETE()).status());
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Done: Walk the dog")).click();
        assertThat(page.locator("#notice")).hasText("This task no longer exists: it was deleted elsewhere.");
        assertThat(page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Done: Walk the dog")))
                .not().isChecked();
    }

    /** The caller's tasks on the server: title → text and done. */
    private static Map<String, String> tasksOnTheServer(Account account) {
        Reply reply = send(request(RunningSystem.TASKS_SERVICE + "/tasks").header("Authorization", account.bearer()));
        assertEquals(200, reply.status(), reply::toString);
        Map<String, String> tasks = new TreeMap<>();
        reply.json().path("tasks").forEach(task -> tasks.put(task.path("title").asText(),
                task.path("text").asText() + " " + task.path("done").asBoolean()));
        return tasks;
    }

    @Test
    void thePanelShowsHowTheLastRequestTravelledHopByHop() {
        Account account = Account.signUp("browser-journey");
        openAs(page, account);
        Locator hops = page.locator("#journey-hops li");
        assertThat(page.locator("#journey-request")).containsText("Your browser: GET /api/tasks, answered 200 in");
        assertThat(hops).hasCount(3);
        assertThat(hops.nth(0)).containsText(Pattern.compile("^nginx, [0-9.]+ ms: group tasks_service · upstream "
                + "127\\.0\\.0\\.1:\\d+$"));
        assertThat(hops.nth(1)).containsText(Pattern.compile("^tasks-service, [0-9.]+ ms: host \\S+$"));
        assertThat(hops.nth(2)).containsText(Pattern.compile("^auth-service, [0-9.]+ ms: call verify-token · address "
                + "http://localhost:\\d+ · from default · ip 127\\.0\\.0\\.1 · outcome answered$"));

        // The trace id: the one tasks-service's answer names, which every hop's log line and span carries (TraceIT).
        Locator traceId = page.locator("#journey-trace-id");
        assertThat(traceId).hasText(Pattern.compile("^[0-9a-f]{32}$"));

        // Asked again within the verification cache's time, tasks-service answers without calling auth-service.
        String before = traceId.textContent();
        Response refreshed = page.waitForResponse("**/api/tasks", () -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Refresh")).click());
        assertThat(hops.nth(2)).containsText(Pattern.compile(
                "^auth-service, [0-9.]+ ms: call verify-token · cache hit \\(remembered from a recent check: no call to "
                        + "auth-service\\)$"));
        // A new request, a new trace: the panel shows the id of the answer just received.
        String trace = refreshed.headerValue("io.openliberty.trace");
        assertTrue(trace != null && trace.matches("[0-9a-f]{32}:[0-9a-f]{16}"), trace);
        assertThat(traceId).hasText(trace.substring(0, 32));
        assertFalse(trace.startsWith(before), "the trace of the request before: " + before);
        addTask(page, "Travelled", "");
        assertThat(page.locator("#journey-request")).containsText("POST /api/tasks, answered 201");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("journey.png")));
        assertAccessible(page, "the tasks page with the journey panel");
    }

    @Test
    void aDeletedTaskCanBeBroughtBackForAFewSeconds() {
        Account account = Account.signUp("browser-undo");
        openAs(page, account);
        addTask(page, "Keep me", "");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete task: Keep me")).click();
        assertThat(titles(page)).hasCount(0);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo delete: Keep me")).click();
        assertThat(titles(page)).hasText(new String[] {"Keep me"});
        page.waitForTimeout(6_000);
        assertEquals(List.of("Keep me"), taskTitlesOnTheServer(account), "undone: still on the server");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete task: Keep me")).click();
        assertEquals(List.of("Keep me"), taskTitlesOnTheServer(account), "within the undo time: still there");
        assertThat(page.locator("#tasks-empty")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        assertEquals(List.of(), taskTitlesOnTheServer(account), "deleted once the undo time has passed");
    }

    @Test
    void limitsAreCountedVisiblyAndNothingIsCutOff() {
        Account account = Account.signUp("browser-limits");
        openAs(page, account);
        List<String> posts = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.method().equals("POST") && request.url().endsWith("/api/tasks")) {
                posts.add(request.url());
            }
        });
        assertThat(page.locator("#task-title-count")).hasText("0 / 200");
        assertThat(page.locator("#task-text-count")).hasText("0 / 2000");

        // Code points, as PostgreSQL's varchar counts: each of these is one character, two UTF-16 units.
        page.getByLabel("Title").fill("😀".repeat(200));
        assertThat(page.locator("#task-title-count")).hasText("200 / 200");
        assertThat(page.locator("#task-title")).not().hasAttribute("aria-invalid", "true");

        page.getByLabel("Title").fill("a".repeat(201));
        assertEquals(201, ((String) page.locator("#task-title").inputValue()).length(), "the title was cut");
        assertThat(page.locator("#task-title-count")).hasText("201 / 200 (1 too many)");
        assertThat(page.locator("#task-title-error")).hasText("A title has at most 200 characters: this one has 1 too many.");
        page.locator("#task-text").fill("b".repeat(2001));
        assertEquals(2001, ((String) page.locator("#task-text").inputValue()).length(), "the text was cut");
        assertThat(page.locator("#task-text-count")).hasText("2001 / 2000 (1 too many)");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add task")).click();
        assertEquals("task-title", focused(page));
        assertEquals(List.of(), posts, "a task over the limit was sent");

        page.getByLabel("Title").press("Backspace");
        assertThat(page.locator("#task-title-count")).hasText("200 / 200");
        assertThat(page.locator("#task-title-error")).hasText("");
        assertThat(page.locator("#task-text-error")).containsText("2000");
    }

    @Test
    void onSmallScreensTheHeaderBreaksTheEmailOnlyBetweenItsParts() {
        String email = "alexandra.konstantinopoulou+" + UUID.randomUUID().toString().substring(0, 8)
                + "@example-university.com";
        Account account = Account.signUpWith(email, "correct horse");
        for (int width : List.of(320, 375)) {
            context.close();
            page = newTab(width, 700);
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve("login-" + width + ".png")));
            assertAccessible(page, "the login page at " + width + " px");
            openAs(page, account);
            if (width == 320) {
                addTask(page, "A long task name that has to wrap on a small screen", "and a text");
            }
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve("tasks-" + width + ".png")));
            assertThat(page.locator("#who")).hasText(email);
            for (String after : lineBreaksIn(page, "#who")) {
                assertTrue(List.of(".", "@", "-").contains(after),
                        width + " px: the email breaks after \"" + after + "\": " + lineBreaksIn(page, "#who"));
            }
            assertEquals(width, ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue(),
                    "nothing runs off the screen at " + width + " px");
            assertAccessible(page, "the tasks page at " + width + " px");
        }
    }

    @Test
    void axeFindsNothingToFixInAnyStateOfTheUi() {
        assertAccessible(page, "the login page");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
        assertThat(page.locator("#signup-email-error")).not().hasText("");
        assertAccessible(page, "the login page with errors");

        Account account = Account.signUp("browser-axe");
        openAs(page, account);
        addTask(page, "One", "with a text");
        addTask(page, "Two", "");
        page.getByLabel("Title").fill("x".repeat(201));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete task: One")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo delete: One"))).isVisible();
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Done: Two")).check();
        assertThat(page.locator("#task-list li").first()).hasClass("done");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit task: Two")).click();
        page.getByRole(AriaRole.FORM).last().getByLabel("Title").fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByText("Enter a title.").last()).isVisible();
        assertAccessible(page, "the tasks page with an error, a counter over its limit, an undo, a done task and an"
                + " edit with an error");
    }
}
