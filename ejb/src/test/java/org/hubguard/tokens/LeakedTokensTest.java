package org.hubguard.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Leaked tokens are looked up in batches: one query per 500 distinct well-formed hashes, nothing for junk. */
class LeakedTokensTest {

    @Test
    void distinctWellFormedSecretsGoInBatchesOf500() {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            String token = TokenFormat.generate();
            secrets.add(token);
            secrets.add(token); // a duplicate costs nothing
            secrets.add("hf_" + "x".repeat(34)); // nor does a string without a valid checksum
        }
        List<Map<String, String>> batches = LeakedTokens.hashBatches(secrets);
        assertEquals(List.of(500, 500, 1), batches.stream().map(Map::size).toList());
        assertEquals(List.of(), LeakedTokens.hashBatches(List.of("hf_nonsense")));
    }
}
