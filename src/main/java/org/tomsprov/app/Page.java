package org.tomsprov.app;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list and the opaque cursor of the next, null at the end. */
public record Page<T>(List<T> items,
        @Schema(nullable = true, description = "Pass as cursor= for the next page; null on the last page") String nextCursor) {
}
