package org.tomsprov.app.uploads;

import java.util.LinkedHashMap;
import java.util.Map;

/** How long each step of an upload's validation or commit took, summed over its repetitions, for its log line. */
final class StepTimes {

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long since = System.nanoTime();

    /** The step that ran since the previous one ended (or since the start). */
    void done(String step) {
        long now = System.nanoTime();
        nanos.merge(step, now - since, Long::sum);
        since = now;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        nanos.forEach((step, took) -> text.append(text.isEmpty() ? "" : ", ").append(step).append(' ')
                .append(took / 1_000_000).append(" ms"));
        return text.toString();
    }
}
