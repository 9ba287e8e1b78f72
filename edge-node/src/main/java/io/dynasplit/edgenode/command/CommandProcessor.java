package io.dynasplit.edgenode.command;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RecordProcessing;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import io.dynasplit.servicekit.dedupe.ResultsTracker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads this device's commands topic ({@code dynasplit.edge.<device>.commands}), one command at a time, in order:
 * the device runs one head at a time. A bad command goes to the dead-letter topic and the next one is processed.
 * Commands arrive in polled batches (one under light load), so that under load the batch's tensors and results are
 * acknowledged by the broker together rather than one round trip per command.
 */
@ApplicationScoped
public class CommandProcessor {
    private static final Logger LOG = Logger.getLogger(CommandProcessor.class);

    @Inject
    CommandValidator validator;

    @Inject
    HeadRunner headRunner;

    @Inject
    ResultsTracker results;

    @Inject
    RecordProcessing processing;

    @Incoming("commands")
    @Blocking
    public void onCommands(ConsumerRecords<String, byte[]> records) {
        processing.processBatch("edge", records, r -> {
            long arrivalMillis = System.currentTimeMillis();
            EdgeCommand command = validator.validate(parse(r.value()));
            if (results.isComplete(command.request().requestId())) {
                LOG.debugf("request %s already has a result: redelivered command skipped", command.request().requestId());
                return;
            }
            headRunner.run(command, arrivalMillis);
        });
    }

    private static EdgeCommand parse(byte[] payload) {
        try {
            return Json.read(payload, EdgeCommand.class);
        } catch (WireFormatException e) {
            throw new RejectedRecordException(DeadLetterReason.MALFORMED, e.getMessage(), e);
        }
    }
}
