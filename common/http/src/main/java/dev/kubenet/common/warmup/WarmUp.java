package dev.kubenet.common.warmup;

/**
 * A request path that a service runs once as it starts, before it reports ready ({@link WarmUpReadiness}), so that
 * the first users after a start or a rollout do not pay for loading and compiling it: on a JVM that has just started,
 * and on a machine busy starting others, that takes seconds, longer than a caller waits.
 * <p>
 * Each implementation is a CDI bean that takes the real path as far as it may without changing any stored data.
 * What it throws is logged, not fatal: only the warmth matters, and a warm-up that needs another service must not
 * keep this one out of rotation while that one is down.
 */
public interface WarmUp {

    /** What it warms, for the log and {@code /health/ready}, such as {@code "auth-service client"}. */
    String name();

    /** Runs the path once; its outcome in a few words, for the log and {@code /health/ready}. */
    String run();
}
