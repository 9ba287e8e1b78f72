package io.dynasplit.optimizer.reprofile;

import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ReprofileRequest;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReprofilerTest {
    private static final PaperTestbed TESTBED = new PaperTestbed();
    private static final Instant EPOCH_PLUS = Instant.ofEpochMilli(1_000);

    private static Reprofiler reprofiler(Instant now) {
        return new Reprofiler(() -> new ProfileEvaluator(TESTBED), Budget.count(30), 7, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static ReprofileRequest request(int schema, long version) {
        return new ReprofileRequest(schema, "vit-b16", TESTBED.edgeDeviceClass(), version, "c", List.of(), 10, "/t",
                EPOCH_PLUS);
    }

    @Test
    void theNewFrontIsNewerThanTheStaleOneEvenWhenTheClockIsBehindIt() {
        Reprofiler r = reprofiler(EPOCH_PLUS);
        long stale = 5_000_000_000_000L; // a version from a clock far ahead of this one
        ParetoFront front = assertInstanceOf(Reprofiler.Publish.class, r.answer(request(1, stale))).front();
        assertEquals(stale + 1, front.version());
        assertEquals(stale + 1, r.newestVersion(front.key()).orElseThrow());
        assertInstanceOf(Reprofiler.Skip.class, r.answer(request(1, stale)), "answered already");
        assertInstanceOf(Reprofiler.Publish.class, r.answer(request(1, stale + 1)), "the new version went stale too");
    }

    @Test
    void aFrontSeenOnTheTopicMakesOlderRequestsMoot() {
        Reprofiler r = reprofiler(Instant.parse("2026-12-04T12:00:00Z"));
        ParetoFront newer = new ParetoFront(ParetoFront.SCHEMA_VERSION, "vit-b16", TESTBED.edgeDeviceClass(), 9, null,
                null, List.of());
        r.known(newer);
        Reprofiler.Skip skip = assertInstanceOf(Reprofiler.Skip.class, r.answer(request(1, 8)));
        assertTrue(skip.why().contains("replaced by v9"), skip.why());
    }

    @Test
    void anotherSchemaVersionIsRefusedWithTheReason() {
        Reprofiler.Refuse refuse = assertInstanceOf(Reprofiler.Refuse.class, reprofiler(EPOCH_PLUS).answer(request(2, 1)));
        assertTrue(refuse.reason().contains("schema version 2"), refuse.reason());
    }
}
