package org.hubguard.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CommitCacheTest {

    @Test
    void aValueIsComputedOnceAndTheLeastRecentlyUsedLeaveFirst() {
        CommitCache<String, List<Integer>> cache = new CommitCache<>(20, List::size);
        AtomicInteger computed = new AtomicInteger();
        cache.get("a", () -> { computed.incrementAndGet(); return List.of(1, 2, 3); });
        cache.get("a", () -> { computed.incrementAndGet(); return List.of(1, 2, 3); });
        assertEquals(1, computed.get());
        cache.get("b", () -> List.of(1, 2, 3));
        cache.get("a", () -> List.of(9)); // a is used again: b is now the oldest
        cache.get("c", () -> List.of(1, 2, 3, 4, 5));
        cache.get("d", () -> List.of(1, 2, 3, 4, 5));
        cache.get("e", () -> List.of(1, 2, 3, 4, 5)); // 3 + 3 + 5 + 5 + 5 > 20: b leaves
        assertEquals(List.of(1, 2, 3), cache.get("a", () -> List.of(0)));
        assertEquals(List.of(0), cache.get("b", () -> List.of(0)), "b was evicted and computed again");
    }

    @Test
    void aValueTooLargeToKeepIsReturnedButNotKept() {
        CommitCache<String, List<Integer>> cache = new CommitCache<>(8, List::size);
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            cache.get("big", () -> { computed.incrementAndGet(); return List.of(1, 2, 3, 4, 5); });
        }
        assertEquals(2, computed.get());
    }
}
