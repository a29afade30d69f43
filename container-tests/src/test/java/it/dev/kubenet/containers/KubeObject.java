package it.dev.kubenet.containers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Kubernetes objects as the YAML tree they are written in, with the few accessors the kube play tests need. */
final class KubeObject {

    private KubeObject() {
    }

    /** The objects a kustomization renders to, by {@code kubectl kustomize <folder>} (relative to the repository). */
    static List<Map<String, Object>> render(String kustomization) {
        String yaml = new Shell(Map.of()).succeed(Duration.ofSeconds(60),
                List.of("kubectl", "kustomize", kustomization));
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

    /** A memory quantity such as {@code 512Mi} or {@code 1G}, in bytes. */
    static long bytes(String quantity) {
        Map<String, Long> units = Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30,
                "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L);
        for (Map.Entry<String, Long> unit : units.entrySet()) {
            if (quantity.endsWith(unit.getKey()) && Character.isDigit(
                    quantity.charAt(quantity.length() - unit.getKey().length() - 1))) {
                return Long.parseLong(quantity.substring(0, quantity.length() - unit.getKey().length()))
                        * unit.getValue();
            }
        }
        return Long.parseLong(quantity);
    }
}
