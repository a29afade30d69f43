package dev.kubenet.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository's files as the checks read them: paths from its root, YAML documents, what a service reads. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"");
    private static final Pattern SERVER_XML_VARIABLE = Pattern.compile("<variable name=\"([^\"]+)\"");
    private static final Pattern SHARED_INCLUDE = Pattern.compile(
            "<include location=\"\\$\\{shared\\.config\\.dir}/([^\"]+)\"/>");
    private static final Pattern HTTP_PORT = Pattern.compile("<variable name=\"http.port\" defaultValue=\"(\\d+)\"/>");
    /** A name that the images' server.env sets ({@code NAME=}) or reads ({@code ${NAME:-...}}). */
    private static final Pattern SERVER_ENV_VARIABLE = Pattern.compile("(?m)^([A-Z_][A-Z0-9_]*)=|\\$\\{([A-Z_][A-Z0-9_]*)");
    /**
     * The OpenTelemetry SDK's own variables that the deployments set or that docs/observability.md tells to set,
     * beyond those server.env already names: the SDK reads them where a server has mpTelemetry.
     */
    private static final List<String> OPENTELEMETRY_VARIABLES = List.of("OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_TRACES_SAMPLER",
            "OTEL_TRACES_SAMPLER_ARG");

    private Repository() {
    }

    /**
     * The Java services, in the order of their folder names: every folder with a src/main/kubernetes, the rule by which
     * the root POM's java-service profile and run.sh know them.
     */
    static List<String> javaServices() {
        try (Stream<Path> folders = Files.list(ROOT)) {
            return folders.filter(folder -> Files.isDirectory(folder.resolve("src/main/kubernetes")))
                    .map(folder -> folder.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document in the file; a duplicate key is an error, as it is for kubectl and Compose. */
    static List<Object> yamlDocuments(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Object> documents = new ArrayList<>();
        try {
            new Yaml(options).loadAll(Files.readString(file)).forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String relative) {
        return (Map<String, Object>) yamlDocuments(path(relative)).get(0);
    }

    /** The port a Java service listens on unless HTTP_PORT says otherwise: server.xml's http.port. */
    static int defaultHttpPort(String service) {
        Matcher port = HTTP_PORT.matcher(read(service + "/src/main/liberty/config/server.xml"));
        assertTrue(port.find(), service + " server.xml defines http.port");
        return Integer.parseInt(port.group(1));
    }

    /**
     * A Java service's Liberty configuration as its server reads it: its server.xml, then each file it includes from
     * Liberty's shared configuration folder, which the build and the image fill from common/liberty.
     */
    static String libertyConfiguration(String service) {
        String serverXml = read(service + "/src/main/liberty/config/server.xml");
        StringBuilder all = new StringBuilder(serverXml);
        Matcher include = SHARED_INCLUDE.matcher(serverXml);
        while (include.find()) {
            all.append(read("common/liberty/" + include.group(1)));
        }
        return all.toString();
    }

    /**
     * The environment variables a Java service reads: its Liberty configuration's variables and the MicroProfile Config
     * properties of its code and the shared modules, each in the form both Liberty and MicroProfile Config map
     * from the environment (db.url <- DB_URL), those the images' server.env sets or reads (the OpenTelemetry
     * switches), and OpenTelemetry's own where the server has MicroProfile Telemetry.
     */
    static Set<String> environmentVariablesRead(String service) {
        Set<String> names = new LinkedHashSet<>();
        String serverXml = libertyConfiguration(service);
        Matcher variable = SERVER_XML_VARIABLE.matcher(serverXml);
        while (variable.find()) {
            names.add(asEnvironmentVariable(variable.group(1)));
        }
        Matcher serverEnv = SERVER_ENV_VARIABLE.matcher(read("common/liberty/server.env"));
        while (serverEnv.find()) {
            names.add(serverEnv.group(1) != null ? serverEnv.group(1) : serverEnv.group(2));
        }
        if (serverXml.contains("<feature>mpTelemetry-")) {
            names.addAll(OPENTELEMETRY_VARIABLES);
        }
        for (String sources : List.of(service + "/src/main/java", "common")) {
            try (Stream<Path> files = Files.walk(path(sources))) {
                for (Path java : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")).toList()) {
                    Matcher property = CONFIG_PROPERTY.matcher(Files.readString(java));
                    while (property.find()) {
                        names.add(asEnvironmentVariable(property.group(1)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    static String asEnvironmentVariable(String configName) {
        return configName.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }
}
