package dev.kubenet.users.limits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per key (a client address, an account): {@code burst} attempts at once, then {@code perMinute} a
 * minute. A key's bucket is forgotten once it is full again, since a full bucket says nothing a new one would not, so
 * the memory holds only the keys that tried something lately; past {@code maxKeys} of those, it starts again empty.
 */
final class RateLimit {

    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    private final int burst;
    private final long nanosPerAttempt;
    private final int maxKeys;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimit(int burst, int perMinute, int maxKeys) {
        if (burst < 1 || perMinute < 1) {
            throw new IllegalArgumentException("a limit needs a burst and a rate of at least 1, not " + burst + " and "
                    + perMinute);
        }
        this.burst = burst;
        this.nanosPerAttempt = NANOS_PER_MINUTE / perMinute;
        this.maxKeys = maxKeys;
    }

    /** Zero when the key may make an attempt now, which is then counted; otherwise how long until it may. */
    Duration take(String key, long nowNanos) {
        if (buckets.size() >= maxKeys) {
            forgetFull(nowNanos);
        }
        return buckets.computeIfAbsent(key, any -> new Bucket(nowNanos - (long) burst * nanosPerAttempt))
                .take(nowNanos, burst, nanosPerAttempt);
    }

    /** Gives back an attempt that {@link #take} counted, as if it had not been made. */
    void giveBack(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.giveBack(nanosPerAttempt);
        }
    }

    int keys() {
        return buckets.size();
    }

    private void forgetFull(long nowNanos) {
        buckets.values().removeIf(bucket -> bucket.isFull(nowNanos, burst, nanosPerAttempt));
        if (buckets.size() >= maxKeys) {
            buckets.clear();
        }
    }

    /**
     * One key's bucket, kept as the moment it was (or will be) empty: it holds one attempt for each
     * {@code nanosPerAttempt} since then, at most {@code burst}. One number, so a compare-and-set would do; a lock on
     * the bucket is simpler and only contended by one key's own attempts.
     */
    private static final class Bucket {
        private long emptyAt;

        Bucket(long emptyAt) {
            this.emptyAt = emptyAt;
        }

        synchronized Duration take(long now, int burst, long nanosPerAttempt) {
            long earliest = now - (long) burst * nanosPerAttempt;
            long from = Math.max(emptyAt, earliest);
            long next = from + nanosPerAttempt;
            if (next > now) {
                return Duration.ofNanos(next - now);
            }
            emptyAt = next;
            return Duration.ZERO;
        }

        synchronized void giveBack(long nanosPerAttempt) {
            emptyAt -= nanosPerAttempt;
        }

        synchronized boolean isFull(long now, int burst, long nanosPerAttempt) {
            return emptyAt <= now - (long) burst * nanosPerAttempt;
        }
    }
}
