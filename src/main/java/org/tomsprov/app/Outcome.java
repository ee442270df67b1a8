package org.tomsprov.app;

/**
 * The response to a creating request: status, Location (or null), body and ETag (or null). When an idempotent
 * retry replays the first response, {@code body} is that response's JSON text.
 */
public record Outcome(int status, String location, Object body, String etag) {
}
