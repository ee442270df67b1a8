package org.tomsprov.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafeTextTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("plain ASCII", true),
                Arguments.of("José Nguyễn O'Brien", true),
                Arguments.of("paired emoji \uD83D\uDE00", true),
                Arguments.of("a\u0000b", false),
                Arguments.of("tab\there", false),
                Arguments.of("new\nline", false),
                Arguments.of("delete\u007F", false),
                Arguments.of("lone high \uD800 surrogate", false),
                Arguments.of("lone low \uDC00 surrogate", false),
                Arguments.of("reversed \uDC00\uD800 pair", false),
                Arguments.of("ends with a high half \uD83D", false));
    }

    @ParameterizedTest(name = "[{index}] safe: {1}")
    @MethodSource("texts")
    void controlCharactersAndUnpairedSurrogatesAreRefused(String text, boolean safe) {
        assertThat(SafeText.isSafe(text)).isEqualTo(safe);
        assertThat(SafeText.isSafe(SafeText.visible(text))).isTrue();
        assertThat(SafeText.check("firstName", text).map(Violation::code)).isEqualTo(
                safe ? java.util.Optional.empty() : java.util.Optional.of("INVALID_TEXT"));
    }
}
