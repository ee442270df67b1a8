package org.tomsprov.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTrainingTest {

    @Test
    void readsTheClassNamesOfDecoratedAndPlainLoadLinesAndSkipsHiddenClasses() {
        List<String> names = ClassArchiveTraining.classNames(List.of(
                "[0.708s][info][class,load] org.hibernate.tool.schema.spi.TargetDescriptor source: file:/app/lib/h.jar",
                "java.lang.String source: shared objects file",
                "[0.892s][info][class,load] org.hibernate.Selector$$Lambda$146/0x00007fceb808a228 source: org.hibernate.Selector",
                "[0.900s][info][class,load] jdk.internal.reflect.GeneratedConstructorAccessor9/0x1 source: __JVM_DefineClass__",
                "[0.950s][info][class,load] org.tomsprov.Main$Inner source: __JVM_LookupDefineClass__",
                "[1.000s][warning][cds] something else entirely"));

        assertThat(names).containsExactly("org.hibernate.tool.schema.spi.TargetDescriptor", "java.lang.String",
                "org.tomsprov.Main$Inner");
    }

    @Test
    void linksEachClassTheLogNamesOnceAndCountsTheOnesThatCannotBeFound(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("classes.log");
        Files.write(log, List.of(
                "[0.1s][info][class,load] java.util.concurrent.ConcurrentSkipListMap source: jrt:/java.base",
                "[0.2s][info][class,load] org.tomsprov.boot.ClassArchiveTrainingTest source: file:/target/test-classes/",
                "[0.3s][info][class,load] java.util.concurrent.ConcurrentSkipListMap source: jrt:/java.base",
                "[0.4s][info][class,load] org.tomsprov.NoSuchClassAnywhere source: file:/gone.jar"));

        ClassArchiveTraining.Linked linked = ClassArchiveTraining.link(log, getClass().getClassLoader());

        assertThat(linked.linked()).isEqualTo(2);
        assertThat(linked.failed()).isEqualTo(1);
        assertThat(linked.passes()).as("a second pass finds no class the first did not see, and stops").isEqualTo(2);
    }

    @Test
    void anEmptyLogLinksNothing(@TempDir Path dir) throws IOException {
        Path log = Files.writeString(dir.resolve("classes.log"), "");

        assertThat(ClassArchiveTraining.link(log, getClass().getClassLoader()))
                .isEqualTo(new ClassArchiveTraining.Linked(0, 0, 1));
    }
}
