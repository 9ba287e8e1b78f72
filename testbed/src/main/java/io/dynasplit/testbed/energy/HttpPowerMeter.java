package io.dynasplit.testbed.energy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An external power meter on the network (the paper read a GPM meter in the edge's supply line every 0.2 s),
 * polled over HTTP; a window's energy is the trapezoidal integral of the samples. The meter answers a GET with
 * the current power in watts, either a bare number or a JSON object with a {@code watts}, {@code power_w} or
 * {@code power} field. Failed polls are skipped; a window without samples fails.
 */
public final class HttpPowerMeter implements EnergyMeter {
    public static final Duration PAPER_INTERVAL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("watts", "power_w", "power");

    private final URI uri;
    private final Duration interval;
    private final HttpClient client;
    private final PowerSamples samples = new PowerSamples(100_000);
    private final ScheduledExecutorService poller;
    private volatile String lastError = "no poll yet";

    public HttpPowerMeter(URI uri, Duration interval) {
        this.uri = uri;
        this.interval = interval;
        this.client = HttpClient.newBuilder().connectTimeout(interval.multipliedBy(5)).build();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "http-power-meter");
            t.setDaemon(true);
            return t;
        });
        poll();
        poller.scheduleAtFixedRate(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One GET: does a meter answer at {@code uri} with a power reading? */
    public static Availability probe(URI uri, Duration timeout) {
        try {
            double w = read(HttpClient.newBuilder().connectTimeout(timeout).build(), uri, timeout);
            return Availability.ok("HTTP power meter at " + uri + " (" + w + " W now)");
        } catch (HardwareException e) {
            return Availability.unavailable(e.getMessage());
        }
    }

    @Override
    public String source() {
        return "measured:http-meter";
    }

    @Override
    public Window start() {
        double from = now();
        return () -> {
            double to = now();
            // wait for the sample that closes the window, at most a few intervals
            long deadline = System.nanoTime() + interval.multipliedBy(3).toNanos();
            while (!(samples.lastTimeMillis() >= to) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(Math.max(1, interval.toMillis() / 4));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            double j = samples.joules(from, to);
            if (Double.isNaN(j)) {
                throw new HardwareException("HTTP power meter at " + uri + " gave no samples: " + lastError);
            }
            return j;
        };
    }

    /** The samples taken so far (time in ms of a monotonic clock, watts). */
    public List<PowerSamples.Sample> samples() {
        return samples.snapshot();
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private void poll() {
        try {
            double w = read(client, uri, interval.multipliedBy(5));
            samples.add(now(), w);
        } catch (HardwareException e) {
            lastError = e.getMessage();
        }
    }

    private static double now() {
        return System.nanoTime() / 1e6;
    }

    static double read(HttpClient client, URI uri, Duration timeout) {
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HardwareException("HTTP power meter at " + uri + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HardwareException("interrupted while reading the power meter at " + uri);
        }
        if (response.statusCode() != 200) {
            throw new HardwareException("HTTP power meter at " + uri + " answered HTTP " + response.statusCode());
        }
        return parseWatts(response.body());
    }

    /** A bare number, or a JSON object with a watts / power_w / power field. */
    static double parseWatts(String body) {
        String text = body.strip();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            try {
                JsonNode node = JSON.readTree(text);
                for (String field : FIELDS) {
                    if (node != null && node.has(field) && node.get(field).isNumber()) {
                        return node.get(field).asDouble();
                    }
                }
            } catch (IOException notJson) {
                // fall through to the error below
            }
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        throw new HardwareException("power meter answered '" + shown + "', not watts (a number or JSON with "
                + String.join("/", FIELDS) + ")");
    }
}
