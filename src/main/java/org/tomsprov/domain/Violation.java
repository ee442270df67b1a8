package org.tomsprov.domain;

/** A broken data rule: which field, a stable code and a sentence for people. */
public record Violation(String field, String code, String message) {
}
