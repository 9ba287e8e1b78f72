package io.dynasplit.deploy.request;

import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.Topics;
import io.dynasplit.deploy.inputs.PngTestImages;
import io.dynasplit.deploy.stack.Home;
import io.dynasplit.deploy.stack.StackAddress;
import io.dynasplit.localbroker.KafkaLogFile;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code dynasplit request}: sends inference requests to the running stack and prints each result as it arrives.
 */
@Command(name = "request", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send inference requests to the running stack (./dynasplit stack) and print each result as it"
                + " arrives: the configuration chosen and why, latency and energy with their breakdown and sources,"
                + " threshold met or missed.",
                "Exit status: 0 when every request had a result, 1 when one was dead-lettered or had none in time."})
public final class RequestCommand implements Callable<Integer> {
    /** A person's or a script's look at the stack, not a load test ({@code ./dynasplit bench} is that). */
    static final int MAX_COUNT = 10_000;

    @Option(names = "--model", required = true, description = "Model, e.g. vgg16, vit-b16, fmnist-cnn.")
    String model;

    @Option(names = "--device", required = true, description = "Edge device id, e.g. pi-a.")
    String device;

    @Option(names = "--threshold", required = true, description = "Latency threshold in ms.")
    double thresholdMs;

    @Option(names = "--image", description = "PNG or JPEG file to send (default: Fashion-MNIST test images, a"
            + " different one per request).")
    Path image;

    @Option(names = "--count", defaultValue = "1", description = "Requests to send (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--json", description = "One JSON object per result: {requestId, image, result, decision,"
            + " deadLetter}, the result and decision as on the wire.")
    boolean json;

    @Option(names = "--bootstrap-servers", description = "Kafka of the stack (default: the address ./dynasplit"
            + " stack wrote to " + StackAddress.RELATIVE_PATH + ").")
    String bootstrapServers;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for the results after the last"
            + " request is sent (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    private final Supplier<Path> home;

    public RequestCommand() {
        this(Home::find);
    }

    /** With the checkout whose running stack and logs to use (tests). */
    public RequestCommand(Supplier<Path> home) {
        this.home = home;
    }

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path checkout = home.get();
        StackAddress address = StackAddress.inHome(checkout);
        RequestImage file = image == null ? null : imageFile();
        String bootstrap;
        List<String> devices;
        try {
            bootstrap = StackConnection.bootstrapServers(bootstrapServers, address);
            // the clients' own warnings (a broker not answering yet, ...) go to a file, not between the results
            KafkaLogFile.routeTo(checkout.resolve("target/stack-logs/request.log"));
            KafkaClientSettings kafka = connection(bootstrap, address);
            devices = StackConnection.edgeDevices(kafka, Duration.ofSeconds(5), bootstrapServers == null);
            if (!devices.contains(device)) {
                err.printf("request: the stack at %s has no edge device '%s'; its devices: %s%n", bootstrap, device,
                        devices.isEmpty() ? "none" : String.join(", ", devices));
                err.flush();
                return 1;
            }
            return send(kafka, file != null ? List.of(file) : testImages(), out, err);
        } catch (StackConnection.NoStackException e) {
            err.println("request: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /**
     * The security settings of the environment, else, for the local stack found through its address file, the
     * operator's login that a secured stack ({@code ./dynasplit stack --secure}) wrote beside the address.
     */
    private KafkaClientSettings connection(String bootstrap, StackAddress address) {
        KafkaClientSettings fromEnvironment = KafkaClientSettings.fromEnvironment(bootstrap, System.getenv());
        if (bootstrapServers != null || !fromEnvironment.properties().isEmpty()) {
            return fromEnvironment;
        }
        Map<String, String> stackLogin = address.clientSettings(); // empty for a plaintext stack
        return stackLogin.isEmpty() ? fromEnvironment : new KafkaClientSettings(bootstrap, stackLogin);
    }

    private int send(KafkaClientSettings kafka, List<RequestImage> images, PrintWriter out, PrintWriter err) {
        List<String> ids = new ArrayList<>();
        try (RequestWatch watch = new RequestWatch(kafka, device)) {
            String batch = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < count; i++) {
                RequestImage input = images.get(i % images.size());
                String id = "request-" + batch + "-" + i;
                watch.submit(InferenceRequest.of(id, device, model, thresholdMs, input.mediaType(), input.bytes(),
                        null, Instant.now()), input.description());
                ids.add(id);
            }
            if (!json) {
                out.printf("sent %d request%s for %s to %s (threshold %s ms); results as they arrive:%n", count,
                        count == 1 ? "" : "s", model, device, OutcomeText.number(thresholdMs));
                out.flush();
            }
            int[] deadLettered = {0};
            List<String> missing = watch.await(Duration.ofSeconds(timeoutSeconds), outcome -> {
                if (outcome.deadLetter() != null) {
                    deadLettered[0]++;
                }
                if (json) {
                    out.println(Json.writeString(outcome));
                } else {
                    OutcomeText.lines(outcome, ids.indexOf(outcome.requestId()), count, model, device, thresholdMs)
                            .forEach(out::println);
                }
                out.flush();
            });
            if (!missing.isEmpty()) {
                err.printf("request: no result for %d of %d request%s within %d s (%s); see %s%n", missing.size(),
                        count, count == 1 ? "" : "s", timeoutSeconds, String.join(", ", missing),
                        "target/stack-logs (scheduler.log, edge-" + device + ".log)");
                err.flush();
            }
            return missing.isEmpty() && deadLettered[0] == 0 ? 0 : 1;
        }
    }

    private void validate() {
        if (!(thresholdMs > 0) || Double.isInfinite(thresholdMs)) {
            throw new ParameterException(spec.commandLine(), "--threshold must be a number of ms > 0, got " + thresholdMs);
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new ParameterException(spec.commandLine(), "--count must be 1-" + MAX_COUNT + ", got " + count);
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be >= 1 s, got " + timeoutSeconds);
        }
        if (!Topics.isValidDeviceId(device)) {
            throw new ParameterException(spec.commandLine(), "--device '" + device + "' is not a device id (up to 63 letters,"
                    + " digits, '-' and '_', starting with a letter or digit)");
        }
        try {
            Models.require(model);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private RequestImage imageFile() {
        try {
            return RequestImage.file(image);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** A different Fashion-MNIST test image for each request (round the set when there are more requests). */
    private List<RequestImage> testImages() {
        PngTestImages testImages = PngTestImages.find();
        List<RequestImage> images = new ArrayList<>();
        for (int i = 0; i < Math.min(count, testImages.size()); i++) {
            images.add(RequestImage.testImage(testImages, i));
        }
        return images;
    }
}
