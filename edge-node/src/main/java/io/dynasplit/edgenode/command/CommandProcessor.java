package io.dynasplit.edgenode.command;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RecordProcessing;
import io.dynasplit.servicekit.deadletter.RecordProcessing.Processed;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import io.dynasplit.servicekit.dedupe.ResultsTracker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Reads this device's commands topic ({@code dynasplit.edge.<device>.commands}). The board runs one head at a time,
 * in order, on its own thread ({@link BoardLane}); a layer-0 (cloud-only) command runs nothing on the board, so it is
 * forwarded at once, beside the heads queued before it. A bad command goes to the dead-letter topic and the next one
 * is processed. Commands arrive in polled batches (one under light load); a batch is acknowledged once the broker
 * holds everything its commands sent (awaited together, not one round trip per command), and Kafka's commit never
 * passes a command whose head has not run.
 */
@ApplicationScoped
public class CommandProcessor {
    private static final Logger LOG = Logger.getLogger(CommandProcessor.class);
    private static final String STAGE = "edge";

    @Inject
    CommandValidator validator;

    @Inject
    HeadRunner headRunner;

    @Inject
    ResultsTracker results;

    @Inject
    RecordProcessing processing;

    @Inject
    BoardLane board;

    @Incoming("commands")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onCommands(Message<List<byte[]>> batch) {
        List<Processed> forwarded = new ArrayList<>();
        List<CompletableFuture<Processed>> heads = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records(batch)) {
            long arrivalMillis = System.currentTimeMillis();
            Optional<EdgeCommand> command = processing.read(STAGE, record, r -> validator.validate(parse(r.value())));
            if (command.isEmpty()) {
                continue; // dead-lettered
            }
            Consumer<ConsumerRecord<String, byte[]>> work = r -> runUnlessDone(command.get(), arrivalMillis);
            if (command.get().config().setsEdgeKnobs()) {
                heads.add(board.submit(() -> new Processed(record,
                        processing.processDeferringAcks(STAGE, record, work))));
            } else {
                forwarded.add(new Processed(record, processing.processDeferringAcks(STAGE, record, work)));
            }
        }
        processing.awaitAcknowledged(STAGE, forwarded);
        if (heads.isEmpty()) {
            return batch.ack();
        }
        // after the batch's last head, on the board's thread: the consumer meanwhile takes the next batch
        board.submit(() -> {
            processing.awaitAcknowledged(STAGE, heads.stream().map(CompletableFuture::join).toList());
            return batch.ack();
        }).exceptionally(failure -> {
            // only an Error escapes a record's dead-letter handling: not acknowledged, the batch is redelivered
            LOG.errorf(failure, "a head failed outside its dead-letter handling; its batch is left unacknowledged");
            return null;
        });
        return CompletableFuture.completedFuture(null);
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecords<String, byte[]> records(Message<List<byte[]>> batch) {
        return batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(m -> (ConsumerRecords<String, byte[]>) m.getRecords())
                .orElseThrow(() -> new IllegalStateException("the commands channel must be a Kafka batch channel"));
    }

    private void runUnlessDone(EdgeCommand command, long arrivalMillis) {
        if (results.isComplete(command.request().requestId())) {
            LOG.debugf("request %s already has a result: redelivered command skipped", command.request().requestId());
            return;
        }
        headRunner.run(command, arrivalMillis);
    }

    private static EdgeCommand parse(byte[] payload) {
        try {
            return Json.read(payload, EdgeCommand.class);
        } catch (WireFormatException e) {
            throw new RejectedRecordException(DeadLetterReason.MALFORMED, e.getMessage(), e);
        }
    }
}
