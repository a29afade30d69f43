package dev.kubenet.common.persistence;

import java.time.Duration;

/** The wait before the next try after some failures in a row: {@code first}, then doubling, never above {@code cap}. */
record Backoff(Duration first, Duration cap) {

    Backoff {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < first <= cap, not " + first + " and " + cap);
        }
    }

    Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("No wait before the first try: " + failures + " failures");
        }
        Duration wait = first;
        for (int i = 1; i < failures && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) < 0 ? wait : cap;
    }
}
