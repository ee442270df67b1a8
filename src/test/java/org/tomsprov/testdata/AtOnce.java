package org.tomsprov.testdata;

import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Sends requests at the same moment, each on its own thread, as clients racing each other would. */
public final class AtOnce {

    private AtOnce() {
    }

    /** The responses, in the order of the requests. */
    public static List<Response> send(List<Callable<Response>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(requests)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}
