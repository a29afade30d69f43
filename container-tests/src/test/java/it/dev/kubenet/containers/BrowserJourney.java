package it.dev.kubenet.containers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A person's first visit, in Debian's headless Chromium: sign up, add two tasks, reload (and read how that request
 * travelled), delete one, log out. The browser tests of system-tests cover the UI in depth; this shows that the
 * containerised nginx serves it and proxies its calls. A picture of the page goes to target/screenshots/ when it fails.
 */
final class BrowserJourney {

    private BrowserJourney() {
    }

    static void signUpAddDeleteAndLogOut(String ui) {
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Path.of(System.getProperty("chromium.path", "/usr/bin/chromium")))
                     .setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            Page page = browser.newPage();
            try {
                journey(page, ui);
            } catch (RuntimeException | AssertionError failure) {
                page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                        .setPath(Path.of("target/screenshots/compose-journey.png")));
                throw failure;
            }
        }
    }

    private static void journey(Page page, String ui) {
        page.navigate(ui);
        page.locator("#signup-email").fill("browser-" + UUID.randomUUID() + "@example.com");
        page.locator("#signup-password").fill("correct horse " + UUID.randomUUID());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
        assertThat(page.locator("#tasks-empty")).isVisible();

        for (String title : List.of("Buy milk", "Walk the dog")) {
            page.getByLabel("Title").fill(title);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add task")).click();
            assertThat(page.locator("#task-list li h3").first()).hasText(title);
        }
        page.reload();
        assertThat(page.locator("#task-list li h3")).hasText(new String[] {"Walk the dog", "Buy milk"});
        // How the reload's GET /api/tasks travelled, as the containers tell it: nginx's container, tasks-service's
        // (its host name is its Compose service's), the call to auth-service by its name there, and the trace id.
        assertThat(page.locator("#journey-request")).containsText("GET /api/tasks, answered 200");
        Locator hops = page.locator("#journey-hops li");
        assertThat(hops).hasCount(3);
        assertThat(hops.nth(0)).containsText(Pattern.compile("^nginx, [0-9.]+ ms: group tasks_service · upstream "
                + "[0-9.]+:8000$"));
        assertThat(hops.nth(1)).containsText(Pattern.compile("^tasks-service, [0-9.]+ ms: host tasks$"));
        assertThat(hops.nth(2)).containsText(Pattern.compile("^auth-service, [0-9.]+ ms: call verify-token · "
                + "(address http://auth · from AUTH_ADDRESS · ip [0-9.]+ · outcome answered|cache hit .*)$"));
        assertThat(page.locator("#journey-trace-id")).hasText(Pattern.compile("^[0-9a-f]{32}$"));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete task: Buy milk")).click();
        assertThat(page.locator("#task-list li h3")).hasText(new String[] {"Walk the dog"});

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page.locator("#login-form")).isVisible();
        assertThat(page.locator("#notice")).hasText("You are logged out.");
    }
}
