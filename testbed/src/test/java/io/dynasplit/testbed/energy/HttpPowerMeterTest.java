package io.dynasplit.testbed.energy;

import com.sun.net.httpserver.HttpServer;
import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpPowerMeterTest {

    static HttpServer meter(AtomicReference<String> body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/power", exchange -> {
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, b.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        return server;
    }

    static URI uri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/power");
    }

    @Test
    void integratesPolledPowerOverTheWindow() throws Exception {
        AtomicReference<String> body = new AtomicReference<>("{\"watts\": 5.0}");
        HttpServer server = meter(body);
        try (HttpPowerMeter m = new HttpPowerMeter(uri(server), Duration.ofMillis(20))) {
            assertTrue(HttpPowerMeter.probe(uri(server), Duration.ofSeconds(2)).available());
            long t0 = System.nanoTime();
            EnergyMeter.Window w = m.start();
            Thread.sleep(300);
            // the window ends when stopJoules is called; the wait for the closing sample that follows is not in it
            double seconds = (System.nanoTime() - t0) / 1e9;
            double joules = w.stopJoules();
            assertEquals(5.0 * seconds, joules, 5.0 * seconds * 0.15, "constant 5 W over " + seconds + " s");
            assertTrue(m.samples().size() >= 5, "polled every 20 ms");
            assertEquals("measured:http-meter", m.source());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void readsBareNumbersAndCommonJsonFields() {
        assertEquals(4.5, HttpPowerMeter.parseWatts(" 4.5\n"));
        assertEquals(3.25, HttpPowerMeter.parseWatts("{\"power_w\": 3.25, \"volts\": 5.1}"));
        assertEquals(900.0, HttpPowerMeter.parseWatts("{\"power\": 900}"));
        HardwareException e = assertThrows(HardwareException.class, () -> HttpPowerMeter.parseWatts("<html>"));
        assertTrue(e.getMessage().contains("not watts"), e.getMessage());
    }

    @Test
    void saysWhenNoMeterAnswers() throws IOException {
        HttpServer server = meter(new AtomicReference<>("1"));
        URI gone = uri(server);
        server.stop(0);
        Availability a = HttpPowerMeter.probe(gone, Duration.ofMillis(500));
        assertFalse(a.available());
        assertTrue(a.reason().contains("did not answer"), a.reason());
    }

    @Test
    void trapezoidalRuleWithInterpolatedEnds() {
        // a ramp from 0 W to 10 W over one second holds 5 J; the middle half holds 2.5 J
        List<PowerSamples.Sample> ramp = List.of(new PowerSamples.Sample(0, 0), new PowerSamples.Sample(200, 2),
                new PowerSamples.Sample(400, 4), new PowerSamples.Sample(600, 6), new PowerSamples.Sample(800, 8),
                new PowerSamples.Sample(1000, 10));
        assertEquals(5.0, PowerSamples.trapezoidJoules(ramp, 0, 1000), 1e-12);
        assertEquals(2.5, PowerSamples.trapezoidJoules(ramp, 250, 750), 1e-12);
        assertEquals(10.0, PowerSamples.trapezoidJoules(ramp, 1000, 2000), 1e-12, "held at the last sample");
        assertEquals(0, PowerSamples.trapezoidJoules(ramp, 500, 500));
        assertTrue(Double.isNaN(PowerSamples.trapezoidJoules(List.of(), 0, 1)));
        PowerSamples s = new PowerSamples(3);
        s.add(0, 1);
        s.add(0, 99);
        s.add(10, 1);
        s.add(20, 1);
        s.add(30, 1);
        assertEquals(3, s.snapshot().size(), "bounded, increasing");
        assertEquals(10, s.snapshot().get(0).timeMillis());
    }

    @Test
    void emulatedAndSummedMeters() {
        EmulatedEnergyMeter a = new EmulatedEnergyMeter("paper-pi4-coral");
        EnergyMeter.Window w = a.start();
        a.record(1.5);
        a.record(0.5);
        assertEquals(2.0, w.stopJoules(), 1e-12);
        assertFalse(a.measured());
        assertEquals("emulated:paper-pi4-coral", a.source());
        assertThrows(IllegalArgumentException.class, () -> a.record(-1));

        EnergyMeter fixed = new EnergyMeter() {
            @Override
            public String source() {
                return "measured:rapl";
            }

            @Override
            public Window start() {
                return () -> 3.0;
            }
        };
        EnergyMeter fixed2 = new EnergyMeter() {
            @Override
            public String source() {
                return "measured:nvml";
            }

            @Override
            public Window start() {
                return () -> 0.5;
            }
        };
        SumEnergyMeter sum = new SumEnergyMeter(List.of(fixed, fixed2));
        assertEquals("measured:rapl+nvml", sum.source());
        assertEquals(3.5, sum.start().stopJoules(), 1e-12);
        SumEnergyMeter mixed = new SumEnergyMeter(List.of(new HostModelEnergyMeter(() -> 0, 10), fixed2));
        assertEquals("estimated:host-model+nvml", mixed.source(), "one estimated part makes the sum estimated");
    }
}
