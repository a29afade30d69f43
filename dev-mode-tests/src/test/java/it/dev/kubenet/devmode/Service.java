package it.dev.kubenet.devmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Java service as docs/development.md's "Developing one service" names it: its folder, its package and its two
 * ports. The services are the repository's folders with src/main/kubernetes, as run.sh and the root POM's
 * java-service profile find them; each one's ports are its POM's http.port and liberty.debug.port, its package the
 * one of its KubernetesManifest.
 */
record Service(String folder, String javaPackage, int httpPort, int debugPort) {

    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    /** Every Java service of the repository, by folder name: read once. */
    private static final List<Service> ALL = read(ROOT);

    static final Service AUTH = ALL.stream().filter(service -> service.folder().equals("auth-service")).findFirst()
            .orElseThrow();

    static List<Service> all() {
        return ALL;
    }

    private static List<Service> read(Path root) {
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(folder -> Files.isDirectory(folder.resolve("src/main/kubernetes"))).sorted()
                    .map(Service::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Service of(Path folder) {
        try (Stream<Path> sources = Files.walk(folder.resolve("src/main/java"))) {
            String pom = Files.readString(folder.resolve("pom.xml"));
            Path manifest = sources.filter(file -> file.endsWith("KubernetesManifest.java")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(folder + " has no KubernetesManifest"));
            String javaPackage = folder.resolve("src/main/java").relativize(manifest.getParent()).toString()
                    .replace('/', '.');
            return new Service(folder.getFileName().toString(), javaPackage, property(pom, "http.port"),
                    property(pom, "liberty.debug.port"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int property(String pom, String name) {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">(\\d+)</").matcher(pom);
        if (!value.find()) {
            throw new IllegalStateException("the POM names no " + name + ":\n" + pom);
        }
        return Integer.parseInt(value.group(1));
    }

    String url(String path) {
        return "http://localhost:" + httpPort + path;
    }
}
