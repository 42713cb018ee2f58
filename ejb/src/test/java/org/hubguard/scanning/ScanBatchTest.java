package org.hubguard.scanning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScanBatchTest {

    @Test
    void aBatchTravelsAsJsonWithAnyPath() {
        ScanBatch batch = new ScanBatch(42, List.of(
                new ScanBatch.Item("a".repeat(40), "models/tab\there \"quoted\"\nnewline\\.bin", ScanService.CLAMAV),
                new ScanBatch.Item("b".repeat(64), "weights/модель 🤗.pkl", ScanService.PICKLE)));
        assertEquals(batch, ScanBatch.fromJson(batch.toJson()));
    }
}
