package org.tomsprov.boot;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tomsprov.config.TomsConfig;

/**
 * The training start of the class-data sharing archive (deploy/Dockerfile.jvm, and the bench's own) links every class
 * it loaded before the JVM writes the archive. Java 17 archives only linked classes, and about a fifth of those a
 * start loads are loaded but not linked yet when it stops (named by another class's signatures, or by the verifier):
 * left out, every start reads, parses and verifies them again. The training start logs the classes it loads
 * ({@code -Xlog:class+load:file=<log>}) and names that log in {@code toms.class-archive-training-log}; as it stops,
 * each class the log names is linked, the classes that linking loads in turn too, until no new one appears. Without
 * the key this does nothing.
 */
@ApplicationScoped
public class ClassArchiveTraining {

    public static final String LOG_PROPERTY = "toms.class-archive-training-log";
    private static final int MAX_PASSES = 6;

    private final TomsConfig config;

    ClassArchiveTraining(TomsConfig config) {
        this.config = config;
    }

    /** How many classes were linked, how many could not be (left for the JVM to skip), in how many passes. */
    record Linked(int linked, int failed, int passes) {
    }

    void linkLoadedClasses(@Observes ShutdownEvent event) {
        config.classArchiveTrainingLog().map(Path::of).ifPresent(log -> {
            Linked linked = link(log, Thread.currentThread().getContextClassLoader());
            System.err.printf("class archive training: %d classes linked, %d not linkable, %d passes%n",
                    linked.linked(), linked.failed(), linked.passes());
        });
    }

    /** Links the classes {@code log} names, re-reading it after each pass for the classes that pass loaded. */
    static Linked link(Path log, ClassLoader loader) {
        Set<String> seen = new HashSet<>();
        int linked = 0;
        int failed = 0;
        int passes = 0;
        boolean grew = true;
        while (grew && passes < MAX_PASSES) {
            passes++;
            grew = false;
            for (String name : classNames(read(log))) {
                if (!seen.add(name)) {
                    continue;
                }
                grew = true;
                try {
                    // reflection on a class's methods links it (verifies it), without initializing it
                    Class.forName(name, false, loader).getDeclaredMethods();
                    linked++;
                } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
                    failed++;
                }
            }
        }
        return new Linked(linked, failed, passes);
    }

    /**
     * The class names of class-load log lines ({@code [decorations] name source: origin}), without the classes that
     * cannot be looked up by name (lambdas and other hidden classes).
     */
    static List<String> classNames(List<String> lines) {
        return lines.stream().map(line -> {
            int source = line.indexOf(" source: ");
            if (source < 0) {
                return null;
            }
            String head = line.substring(0, source);
            return head.substring(head.lastIndexOf(' ') + 1);
        }).filter(name -> name != null && !name.isEmpty() && !name.contains("/") && !name.contains("$$Lambda"))
                .toList();
    }

    private static List<String> read(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class-load log " + log, e);
        }
    }
}
