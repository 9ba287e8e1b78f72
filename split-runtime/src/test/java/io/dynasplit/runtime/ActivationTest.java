package io.dynasplit.runtime;

import io.dynasplit.contracts.WireDtype;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationTest {

    @Test
    void wireRoundTripsKeepShapeAndBoundTheError() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 0.37) * 7;
        }
        Activation a = Activation.of(v, 1, 10, 100);
        assertEquals(a, a.roundTrip(WireDtype.FP32));
        float scale = a.encode(WireDtype.INT8).scale();
        assertTrue(a.maxAbsDiff(a.roundTrip(WireDtype.INT8)) <= scale / 2 + 1e-6f);
        assertTrue(a.maxAbsDiff(a.roundTrip(WireDtype.FP16)) <= 7f / 1024);
        assertArrayEquals(a.shape(), a.roundTrip(WireDtype.INT8).shape());
    }

    @Test
    void batchesSplitAndJoin() {
        Activation batch = Activation.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertEquals(Activation.of(new float[] {3, 4}, 1, 2), batch.sample(1));
        assertEquals(batch, Activation.concat(List.of(batch.sample(0), batch.sample(1), batch.sample(2))));
        assertArrayEquals(new int[] {1, 1, 1}, batch.argMax());
        assertThrows(IllegalArgumentException.class, () -> Activation.of(new float[5], 2, 2));
    }
}
