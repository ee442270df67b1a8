package org.tomsprov.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CellSafetyTest {

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("=HYPERLINK(\"http://x\")", true),
                Arguments.of("+1", true),
                Arguments.of("-2", true),
                Arguments.of("@SUM(A1)", true),
                Arguments.of("\t=1", true),
                Arguments.of("\r=1", true),
                Arguments.of("  =1", true),
                Arguments.of("\u00A0=1", true),
                Arguments.of("\u3000=1", true),
                Arguments.of("\uFF1D1+1", true),
                Arguments.of("\uFF0B1", true),
                Arguments.of("\uFF0D1", true),
                Arguments.of("\uFF20A1", true),
                Arguments.of("\u00A0 \uFF1DA1", true),
                Arguments.of("Ana Díaz", false),
                Arguments.of("19647331930002", false),
                Arguments.of("no role is called x=y", false),
                Arguments.of("   ", false));
    }

    @ParameterizedTest(name = "[{index}] neutralized: {1}")
    @MethodSource("cells")
    void aCellThatASpreadsheetWouldEvaluateIsQuoted(String cell, boolean neutralized) {
        assertThat(CellSafety.neutralize(cell)).isEqualTo(neutralized ? "'" + cell : cell);
    }
}
