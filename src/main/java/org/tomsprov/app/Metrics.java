package org.tomsprov.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own meters, for operators: role grants and revocations, uploads (rows, duration, outcome),
 * consumer permission pulls and authorization denials by code. Names follow Micrometer's dotted style and come out
 * on {@code /q/metrics} as {@code toms_*}.
 */
@ApplicationScoped
public class Metrics {

    private final MeterRegistry registry;
    /** The pull counter of each consumer, looked up once: a pull is the hottest path. */
    private final Map<String, Counter> pulls = new ConcurrentHashMap<>();

    Metrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void granted(int count) {
        registry.counter("toms.role.grants").increment(count);
    }

    public void revoked(int count) {
        registry.counter("toms.role.revocations").increment(count);
    }

    /** An upload phase (validate or commit) ended with an outcome, over so many rows, taking so long. */
    public void upload(String phase, String outcome, int rows, Duration took) {
        registry.counter("toms.uploads", "phase", phase, "outcome", outcome).increment();
        registry.counter("toms.upload.rows", "phase", phase).increment(rows);
        Timer.builder("toms.upload.duration").tag("phase", phase).register(registry).record(took);
    }

    public void pulled(String consumer) {
        pulls.computeIfAbsent(consumer, c -> registry.counter("toms.permission.pulls", "consumer", c)).increment();
    }

    public void denied(String code) {
        registry.counter("toms.authz.denials", "code", code).increment();
    }
}
