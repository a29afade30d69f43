package dev.kubenet.deploy;

import com.google.gson.Gson;
import io.kubernetes.client.openapi.JSON;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One object of a manifest, as kubectl would send it, and its strict reading with the Kubernetes Java client's
 * models (generated from the Kubernetes OpenAPI document): an unknown or misspelt field, a wrong type, a missing
 * required field or a bad quantity is an error.
 */
record KubernetesObject(String source, Map<String, Object> fields) {

    private static final Gson PLAIN = new Gson();

    String kind() {
        return (String) fields.get("kind");
    }

    String name() {
        return (String) metadata().get("name");
    }

    Map<String, Object> metadata() {
        return map(fields.get("metadata"));
    }

    @Override
    public String toString() {
        return source + ": " + kind() + "/" + name();
    }

    /** Reads the object into its Kubernetes model class; returns the problem, or null when there is none. */
    String strictReadingProblem() {
        String apiVersion = (String) fields.get("apiVersion");
        if (apiVersion == null || kind() == null) {
            return this + ": apiVersion and kind are required";
        }
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String modelName = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0))
                + version.substring(1) + kind();
        Class<?> model;
        try {
            model = Class.forName(modelName);
        } catch (ClassNotFoundException e) {
            return this + ": no Kubernetes model for " + apiVersion + " " + kind();
        }
        try {
            Object read = JSON.deserialize(PLAIN.toJson(fields), model);
            return read == null ? this + ": empty" : null;
        } catch (RuntimeException e) {
            return this + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
