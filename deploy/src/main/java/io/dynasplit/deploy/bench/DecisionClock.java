package io.dynasplit.deploy.bench;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.fleet.CommandObserver;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each request and its command were appended to their topics, by the broker's clock (both topics use
 * {@code LogAppendTime}): the scheduling latency of a request is the difference, whatever the clients' clocks and
 * batching did. Requests come from the load generator's send acknowledgements, commands from the fleet.
 */
final class DecisionClock implements CommandObserver {
    private final ConcurrentHashMap<String, Long> requested = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> decided = new ConcurrentHashMap<>();
    private volatile String wrongTimestampType;

    void requested(String requestId, long appendMillis) {
        requested.put(requestId, appendMillis);
    }

    @Override
    public void accepted(EdgeCommand command, long timestampMs, boolean logAppendTime) {
        if (!logAppendTime) {
            wrongTimestampType = command.request().requestId();
        }
        decided.put(command.request().requestId(), timestampMs);
    }

    /** Waits until every id has both times; throws with the count when some have not by the timeout. */
    void awaitAll(Collection<String> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (wrongTimestampType != null) {
                throw new IllegalStateException("the command of " + wrongTimestampType + " carries its producer's"
                        + " time, not the broker's append time: the commands topics are not LogAppendTime");
            }
            // only this phase's ids are held (forget() between phases): sizes say when all are in
            if (requested.size() >= ids.size() && decided.size() >= ids.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                long missing = ids.stream().filter(id -> !requested.containsKey(id) || !decided.containsKey(id)).count();
                throw new IllegalStateException(missing + " of " + ids.size() + " requests have no command after "
                        + timeout + " (see the scheduler's log for dead letters)");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Command append minus request append, ms, in the order of {@code ids}. */
    double[] latenciesMs(Collection<String> ids) {
        return ids.stream().mapToDouble(id -> decided.get(id) - requested.get(id)).toArray();
    }

    /** From the first request's append to the last command's append, ms. */
    long spanMs(Collection<String> ids) {
        long first = ids.stream().mapToLong(requested::get).min().orElseThrow();
        long last = ids.stream().mapToLong(decided::get).max().orElseThrow();
        return Math.max(1, last - first);
    }

    void forgetAll() {
        requested.clear();
        decided.clear();
    }
}
