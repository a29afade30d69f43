package dev.kubenet.common.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a {@code Server-Timing} header (W3C Server Timing) as a browser reads it: a name, a duration in
 * milliseconds if given, and the description, which this system writes as {@code key=value} pairs.
 *
 * @param name        the metric's name: {@code nginx}, {@code tasks-service}, {@code auth-service}...
 * @param millis      its {@code dur}, if any
 * @param description its {@code desc}, split into its pairs
 */
public record ServerTimingEntry(String name, Optional<Double> millis, Map<String, String> description) {

    private static final Pattern ENTRY = Pattern.compile(
            "\\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)((?:\\s*;\\s*[A-Za-z]+\\s*=\\s*(?:\"(?:[^\"\\\\]|\\\\.)*\"|[^,;\\s]*))*)\\s*(?:,|$)");
    private static final Pattern PARAMETER = Pattern.compile(
            ";\\s*([A-Za-z]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,;\\s]*))");

    /** Every entry of every {@code Server-Timing} header field of an answer, in order. */
    public static List<ServerTimingEntry> parse(List<String> headerValues) {
        List<ServerTimingEntry> entries = new ArrayList<>();
        for (String value : headerValues) {
            Matcher entry = ENTRY.matcher(value);
            int end = 0;
            while (end < value.length() && entry.find(end) && entry.start() == end) {
                entries.add(entry(entry.group(1), entry.group(2)));
                end = entry.end();
            }
            if (end < value.length() && !value.substring(end).isBlank()) {
                throw new IllegalArgumentException("Not a Server-Timing header: " + value);
            }
        }
        return entries;
    }

    private static ServerTimingEntry entry(String name, String parameters) {
        Optional<Double> millis = Optional.empty();
        Map<String, String> description = new LinkedHashMap<>();
        Matcher parameter = PARAMETER.matcher(parameters);
        while (parameter.find()) {
            String value = parameter.group(2) != null ? parameter.group(2).replaceAll("\\\\(.)", "$1") : parameter.group(3);
            if (parameter.group(1).equalsIgnoreCase("dur")) {
                millis = Optional.of(Double.parseDouble(value));
            } else if (parameter.group(1).equalsIgnoreCase("desc")) {
                for (String pair : value.split(" ")) {
                    String[] keyValue = pair.split("=", 2);
                    description.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
                }
            }
        }
        return new ServerTimingEntry(name, millis, description);
    }

    /** The entries of that name. */
    public static List<ServerTimingEntry> named(List<ServerTimingEntry> entries, String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).toList();
    }
}
