package io.dynasplit.scheduler.decision;

/**
 * Keys of the {@code deadlines} store: the expiry time, zero-padded so that the store's byte order is time order, then
 * the request id. A range scan up to "now" finds exactly the requests whose time is up.
 */
final class DeadlineKey {
    static final String FIRST = before(0);

    private DeadlineKey() {
    }

    static String of(long expiresAtMillis, String requestId) {
        return before(expiresAtMillis) + '|' + requestId;
    }

    /** Sorts after every key of an earlier time and before every key of {@code millis} itself. */
    static String before(long millis) {
        return String.format("%015d", Math.max(0, millis));
    }
}
