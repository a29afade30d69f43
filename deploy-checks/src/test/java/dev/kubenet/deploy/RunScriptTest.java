package dev.kubenet.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ./run.sh does on a machine without nginx, for a user who is not root and has no terminal to say yes in: it
 * installs nothing and prints the one command that would, before it builds anything. (As root it installs nginx
 * itself: .ci/run leaves nginx out, so CI's system tests take that path on a fresh machine.)
 */
class RunScriptTest {

    @Test
    void withoutNginxOrAWayToInstallItRunShPrintsTheOneCommand(@TempDir Path bin) throws Exception {
        // A PATH with no nginx and no sudo, an apt-get that notes any call, and an id that says "not root".
        script(bin.resolve("id"), "echo 1000");
        script(bin.resolve("apt-get"), "touch '" + bin.resolve("apt-get-called") + "'");
        for (String command : new String[] {"bash", "dirname"}) {
            Files.createSymbolicLink(bin.resolve(command), Path.of(which(command)));
        }

        ProcessBuilder run = new ProcessBuilder("/bin/bash", Repository.ROOT.resolve("run.sh").toString())
                .redirectErrorStream(true);
        run.environment().put("PATH", bin.toString());
        run.environment().put("KUBENET_RUN_DIR", bin.resolve("run").toString());
        Process process = run.start();
        process.getOutputStream().close(); // no terminal: nobody to ask
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "run.sh did not finish");

        assertAll(
                () -> assertEquals(1, process.exitValue(), output),
                () -> assertTrue(output.contains("Needed for the UI's web server and not installed: nginx. Install, "
                        + "then try again: sudo sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get "
                        + "install -y -qq nginx'"), output),
                () -> assertFalse(output.contains("Building"), "built before saying what is missing: " + output),
                () -> assertFalse(Files.exists(bin.resolve("apt-get-called")), "apt-get ran without root or consent"));
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String which(String command) {
        for (String directory : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(command + " is not on the PATH");
    }
}
