package dev.kubenet.common.http;

import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code Server-Timing} entries (W3C Server Timing) of the current request beyond the service's own: one per
 * call this service made for it, such as the call to auth-service. {@link ServerTimingFilter} writes them, after the
 * service's own entry, into the response. Each entry is {@code name;dur=<milliseconds>;desc="key=value ..."}: the
 * description is what a browser shows ({@code PerformanceServerTiming.description}), with names and addresses only.
 */
@RequestScoped
public class ServerTiming {

    /**
     * Also held by the request's JAX-RS properties ({@link ServerTimingFilter}): an asynchronous resource's answer
     * goes out on another thread, where this request scope is no longer active.
     */
    private final List<String> entries = new CopyOnWriteArrayList<>();

    /** @param keysAndValues the description: a key, its value, the next key, its value... */
    public void add(String name, long startNanos, String... keysAndValues) {
        entries.add(entry(name, (System.nanoTime() - startNanos) / 1e6, keysAndValues));
    }

    List<String> entries() {
        return entries;
    }

    /**
     * One entry: the name a token, the duration in milliseconds with one decimal, the description a quoted string of
     * {@code key=value} pairs separated by spaces (a value with a space, a quote or a backslash is made safe).
     */
    public static String entry(String name, double millis, String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a key without a value: " + String.join(" ", keysAndValues));
        }
        StringBuilder desc = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            desc.append(i == 0 ? "" : " ").append(keysAndValues[i]).append('=').append(value(keysAndValues[i + 1]));
        }
        // Not String.format: it parses its pattern with regular expressions on every call, a measurable part of a
        // cached GET /tasks (BENCHMARKS.md).
        long tenths = Math.max(0, Math.round(millis * 10));
        return name + ";dur=" + tenths / 10 + "." + tenths % 10 + ";desc=\"" + desc + "\"";
    }

    private static String value(String value) {
        StringBuilder safe = new StringBuilder(value.length());
        value.codePoints().forEach(c -> safe.appendCodePoint(c > 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_'));
        return safe.toString();
    }
}
