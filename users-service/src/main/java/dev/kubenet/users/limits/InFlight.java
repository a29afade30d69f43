package dev.kubenet.users.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** How many attempts each key has running at this moment, at most {@code max}; a key with none is not kept. */
final class InFlight {

    private final int max;
    private final ConcurrentMap<String, Integer> running = new ConcurrentHashMap<>();

    InFlight(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one attempt at a time, not " + max);
        }
        this.max = max;
    }

    /** True when the key had fewer than {@code max} running, and now has one more; {@link #end} it then. */
    boolean start(String key) {
        boolean[] started = {false};
        running.compute(key, (any, count) -> {
            int now = count == null ? 0 : count;
            if (now >= max) {
                return now;
            }
            started[0] = true;
            return now + 1;
        });
        return started[0];
    }

    void end(String key) {
        running.computeIfPresent(key, (any, count) -> count <= 1 ? null : count - 1);
    }

    int keys() {
        return running.size();
    }
}
