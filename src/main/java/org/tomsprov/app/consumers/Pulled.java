package org.tomsprov.app.consumers;

/** A consumer document as pulled: the body as served, and its version (the ETag). */
public record Pulled(String body, String version) {
}
