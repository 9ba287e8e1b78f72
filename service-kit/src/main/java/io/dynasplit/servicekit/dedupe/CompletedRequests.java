package io.dynasplit.servicekit.dedupe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Request ids that already have a result, bounded (oldest forgotten first). Kafka delivers at least once: a node that
 * restarts sees again the records whose offsets were not yet committed, and this set keeps it from publishing a
 * second result for them.
 */
public final class CompletedRequests {
    private final Set<String> ids;

    public CompletedRequests(int capacity) {
        this.ids = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }

    /** True when the id was not yet complete (the caller may publish); false for a duplicate. */
    public boolean markComplete(String requestId) {
        return ids.add(requestId);
    }

    public boolean isComplete(String requestId) {
        return ids.contains(requestId);
    }

    public int size() {
        return ids.size();
    }
}
