package io.dynasplit.edgenode.command;

import io.dynasplit.edgenode.EdgeNodeConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The board's own thread: it runs one head at a time, in the order the commands were taken from Kafka, so that the
 * node's consumer goes on taking commands while a head runs, and a layer-0 command (which runs nothing on the board)
 * is forwarded beside the heads queued before it, as the scheduler and the emulated board account for it. At most
 * {@code dynasplit.edge.board-backlog} heads wait; past that, {@link #submit} blocks the consumer.
 */
@ApplicationScoped
public class BoardLane {
    private final ExecutorService board = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "edge-board");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore backlog;

    @Inject
    public BoardLane(EdgeNodeConfig config) {
        this(config.boardBacklog());
    }

    BoardLane(int backlog) {
        if (backlog < 1) {
            throw new IllegalArgumentException("dynasplit.edge.board-backlog must be at least 1, got " + backlog);
        }
        this.backlog = new Semaphore(backlog);
    }

    /** Queues {@code work} behind the heads already queued; blocks while the backlog is full. */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        awaitRoom();
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.get();
                } finally {
                    backlog.release();
                }
            }, board);
        } catch (RuntimeException e) {
            backlog.release();
            throw e;
        }
    }

    private void awaitRoom() {
        try {
            while (!backlog.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (board.isShutdown()) {
                    throw new RejectedExecutionException("the edge node is stopping: the board takes no more heads");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting for room on the board", e);
        }
    }

    /** Heads still queued are dropped: their commands were never acknowledged, so Kafka redelivers them. */
    @PreDestroy
    void close() {
        board.shutdownNow();
    }
}
