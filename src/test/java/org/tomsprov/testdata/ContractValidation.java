package org.tomsprov.testdata;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.RestAssured;

/**
 * Runs every REST Assured call of the suite through a validator built from the committed
 * {@code openapi/toms-provisioning.yaml}: a response the document does not describe (status, media type, body
 * shape) fails the test that received it. Requests are not judged here: tests send bad ones on purpose.
 */
public final class ContractValidation {

    private static OpenApiValidationFilter filter;

    private ContractValidation() {
    }

    /** Installs the validating filter into REST Assured (once); {@link Api#given()} calls it. */
    public static synchronized OpenApiValidationFilter install() {
        if (filter == null) {
            // the parser finds its extensions through the context class loader: make it the one that loaded us
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(ContractValidation.class.getClassLoader());
            try {
                filter = new OpenApiValidationFilter(validator());
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        if (!RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
        return filter;
    }

    private static OpenApiInteractionValidator validator() {
        return OpenApiInteractionValidator
                .createForSpecificationUrl(OpenApiDocuments.FULL.toAbsolutePath().toUri().toString())
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }
}
