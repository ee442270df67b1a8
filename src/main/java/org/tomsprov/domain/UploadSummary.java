package org.tomsprov.domain;

/**
 * What an upload would do (after validation) or did (after its commit): people to create and to update, roles to
 * grant and to remove, rows that change nothing. Its row keeps it as a JSON column.
 */
public record UploadSummary(int create, int update, int grant, int remove, int unchanged) {
}
