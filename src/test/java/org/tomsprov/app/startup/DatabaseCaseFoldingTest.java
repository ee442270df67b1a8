package org.tomsprov.app.startup;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseCaseFoldingTest {

    @Test
    void aDatabaseThatFoldsEveryLetterLikeTheServiceIsAccepted() {
        assertThatCode(() -> DatabaseCaseFolding.verify(text -> "élodie.ince.σοφιασ@example.org"))
                .doesNotThrowAnyException();
    }

    @Test
    void aDatabaseThatFoldsOnlyAsciiIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> DatabaseCaseFolding.verify(DatabaseCaseFoldingTest::asciiLower))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'Élodie.İnce.ΣΟΦΙΑΣ@example.org' there")
                .hasMessageContaining("LC_CTYPE");
    }

    private static String asciiLower(String text) {
        StringBuilder lower = new StringBuilder();
        text.chars().map(c -> c >= 'A' && c <= 'Z' ? c + 32 : c).forEach(c -> lower.append((char) c));
        return lower.toString();
    }
}
