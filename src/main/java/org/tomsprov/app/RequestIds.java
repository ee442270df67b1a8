package org.tomsprov.app;

/** The request id that ties a request's log lines, problem body and audit events together. */
public final class RequestIds {

    public static final String MDC_KEY = "requestId";
    public static final String HEADER = "X-Request-Id";

    private RequestIds() {
    }
}
