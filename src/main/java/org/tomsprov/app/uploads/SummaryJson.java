package org.tomsprov.app.uploads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import org.tomsprov.app.uploads.UploadService.Summary;

/** An upload's summary as its row keeps it: JSON, written by validation and commit, read for the upload's view. */
@ApplicationScoped
class SummaryJson {

    private final ObjectMapper json;

    SummaryJson(ObjectMapper json) {
        this.json = json;
    }

    String write(Summary summary) {
        try {
            return json.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The summary, or null when the upload has none yet. */
    Summary read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Summary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
