package io.dynasplit.deploy.request;

import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.InferenceResult;

/**
 * What became of one request sent by {@code ./dynasplit request}: its result, and the scheduler's decision from the
 * command it routed to the edge device (why that configuration); or the dead letter a service wrote instead of a result.
 * One line of {@code --json} output.
 *
 * @param image      what the request carried, e.g. {@code Fashion-MNIST test image 0 (Ankle boot)}
 * @param result     null when the request was dead-lettered
 * @param decision   null when no routed command was seen (a rejected request, or none within the wait)
 * @param deadLetter null unless a service refused the request
 */
public record RequestOutcome(String requestId, String image, InferenceResult result, Decision decision,
                             DeadLetter deadLetter) {
}
