package org.hubguard.git;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What was read from one commit, kept for the next request: a commit and everything below it never change, so
 * an entry never goes stale. Least recently used entries leave first once the weights (e.g. list sizes) pass
 * {@code maxWeight}, which bounds the memory. Concurrent misses of one key may compute it twice; both answers
 * are the same.
 */
final class CommitCache<K, V> {

    private final long maxWeight;
    private final Function<V, Integer> weigher;
    private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long weight;

    CommitCache(long maxWeight, Function<V, Integer> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    V get(K key, Supplier<V> compute) {
        synchronized (entries) {
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        V value = compute.get(); // outside the lock: reading git may take a while
        int valueWeight = weigher.apply(value);
        if (valueWeight > maxWeight / 4) {
            return value; // one huge listing must not push everything else out
        }
        synchronized (entries) {
            V previous = entries.put(key, value);
            weight += valueWeight - (previous == null ? 0 : weigher.apply(previous));
            var eldest = entries.entrySet().iterator();
            while (weight > maxWeight && eldest.hasNext()) {
                Map.Entry<K, V> entry = eldest.next();
                weight -= weigher.apply(entry.getValue());
                eldest.remove();
            }
        }
        return value;
    }
}
