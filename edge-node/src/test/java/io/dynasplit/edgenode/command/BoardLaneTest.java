package io.dynasplit.edgenode.command;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoardLaneTest {

    @Test
    void headsRunOneAtATimeInTheOrderTheyWereQueued() {
        BoardLane lane = new BoardLane(16);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<CompletableFuture<String>> done = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            done.add(lane.submit(() -> {
                ran.add(n);
                return Thread.currentThread().getName();
            }));
        }
        assertTrue(done.stream().map(CompletableFuture::join).allMatch("edge-board"::equals));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ran);
        lane.close();
    }

    @Test
    void aFullBacklogHoldsTheSubmitterUntilTheBoardTakesAHead() throws Exception {
        BoardLane lane = new BoardLane(2);
        CountDownLatch release = new CountDownLatch(1);
        lane.submit(() -> await(release));
        lane.submit(() -> "queued");
        CountDownLatch submitted = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            lane.submit(() -> "third");
            submitted.countDown();
        });
        consumer.start();
        assertFalse(submitted.await(300, TimeUnit.MILLISECONDS), "two heads wait or run: the third is held back");
        release.countDown();
        assertTrue(submitted.await(10, TimeUnit.SECONDS), "room made: the third is taken");
        lane.close();
    }

    @Test
    void aClosedBoardRefusesWorkInsteadOfHoldingTheConsumerForever() {
        BoardLane lane = new BoardLane(1);
        CountDownLatch never = new CountDownLatch(1);
        lane.submit(() -> await(never));
        lane.close();
        assertThrows(RejectedExecutionException.class, () -> lane.submit(() -> "late"));
    }

    @Test
    void aBacklogBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BoardLane(0));
    }

    private static String await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "released";
    }
}
