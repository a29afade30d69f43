package dev.kubenet.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL cluster that {@code mvn verify -Ppostgresql} runs the services on: Debian's, set up by
 * scripts/postgres-for-tests.sh. Tests stop and start it the way an operator does, with {@code pg_ctlcluster}, which
 * needs root (CI runs as root).
 */
public final class PostgreSql {

    private PostgreSql() {
    }

    /**
     * Whether the Liberty server under test uses PostgreSQL: the postgresql profile writes its db.url into the
     * server's bootstrap.properties, and without the profile the file is not there.
     */
    public static boolean isUsedBy(String serverName) {
        return settingsOf(serverName).getProperty("db.url", "").startsWith("jdbc:postgresql:");
    }

    /** The server's database settings ({@code db.url}, {@code db.user}, {@code db.password}); empty without the profile. */
    public static Properties settingsOf(String serverName) {
        Path bootstrap = Path.of(System.getProperty("liberty.install.dir", "target/liberty/wlp"))
                .resolve("usr/servers").resolve(serverName).resolve("bootstrap.properties");
        Properties properties = new Properties();
        if (!Files.isRegularFile(bootstrap)) {
            return properties;
        }
        try (InputStream in = Files.newInputStream(bootstrap)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + bootstrap, e);
        }
        return properties;
    }

    public static boolean canBeControlledHere() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster"));
    }

    public static void stop() {
        pgCtlCluster("stop");
    }

    public static void start() {
        pgCtlCluster("start");
    }

    /** The first cluster pg_lsclusters lists, as scripts/postgres-for-tests.sh chooses it. */
    private static void pgCtlCluster(String action) {
        String[] cluster = run("pg_lsclusters", "--no-header").lines().findFirst()
                .orElseThrow(() -> new IllegalStateException("pg_lsclusters lists no cluster")).trim().split("\\s+");
        run("pg_ctlcluster", cluster[0], cluster[1], action);
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
