package it.dev.kubenet.containers;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Kubernetes objects as the YAML tree they are written in, with the few accessors the kube play tests need. */
final class KubeObject {

    private KubeObject() {
    }

    /** The objects a kustomization renders to, by {@code kubectl kustomize <folder>} (relative to the repository). */
    static List<Map<String, Object>> render(String kustomization) {
        return parse(new Shell(Map.of()).succeed(Duration.ofSeconds(60),
                List.of("kubectl", "kustomize", kustomization)));
    }

    /**
     * The Secrets that the README has a user apply before deploy/ ({@code scripts/secrets.sh --kubernetes}), made
     * once for the pod tests, in a folder of their own.
     */
    static List<Map<String, Object>> secretsFromTheScript() {
        return parse(new Shell(Map.of()).succeed(Duration.ofSeconds(60), List.of("bash", "-c",
                "bash scripts/secrets.sh --kubernetes container-tests/target/kube-play/secrets 2>/dev/null")));
    }

    private static List<Map<String, Object>> parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(yaml)) {
            if (document != null) {
                objects.add(map(document));
            }
        }
        return objects;
    }

    static String dump(List<Map<String, Object>> objects) {
        return new Yaml().dumpAll(objects.iterator());
    }

    static String kind(Map<String, Object> object) {
        return (String) object.get("kind");
    }

    static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(kind(object))).toList();
    }

    /** The object at the end of the path of keys, which must be there. */
    static Map<String, Object> map(Map<String, Object> object, String... path) {
        Map<String, Object> current = object;
        for (String key : path) {
            current = map(Objects.requireNonNull(current.get(key), () -> "no " + key + " in " + object));
        }
        return current;
    }

    /** The list under the key, or an empty one. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> object, String key) {
        Object value = object.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** The labels under {@code metadata}, or none. */
    @SuppressWarnings("unchecked")
    static Map<String, String> labels(Map<String, Object> objectOrTemplate) {
        Object labels = map(objectOrTemplate.get("metadata")).get("labels");
        return labels == null ? Map.of() : (Map<String, String>) labels;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** A deep copy, so that a change to it leaves the rendered object as it was. */
    static Map<String, Object> copy(Map<String, Object> object) {
        Map<String, Object> copy = new LinkedHashMap<>();
        object.forEach((key, value) -> copy.put(key, copyOf(value)));
        return copy;
    }

    private static Object copyOf(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy(map(map));
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(KubeObject::copyOf).toList());
        }
        return value;
    }

    /**
     * A memory quantity in bytes: a Kubernetes one such as {@code 512Mi} or {@code 1G}, or one that podman prints, such
     * as {@code 215.3MB} or {@code 900kB} (decimal units, with a fraction and a B).
     */
    static long bytes(String quantity) {
        Matcher matcher = QUANTITY.matcher(quantity.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a memory quantity: " + quantity);
        }
        long unit = switch (matcher.group(2)) {
            case "" -> 1L;
            case "k", "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            default -> throw new IllegalArgumentException("unknown unit in " + quantity);
        };
        return new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit)).longValue();
    }

    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([kKMG]i?|)B?");
}
