package org.tomsprov.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailTest {

    @ParameterizedTest(name = "''{0}'' and ''{1}'' are the same person")
    @CsvSource(delimiter = '|', value = {
            "Ana.Diaz@LAUSD.net      | ana.diaz@lausd.net",
            "'  ana.diaz@lausd.net ' | ANA.DIAZ@LAUSD.NET",
            "José@example.org        | josé@EXAMPLE.org"})
    void anEmailIsKeptAsWrittenAndComparedWithoutCase(String written, String other) {
        Email email = Email.of(written);
        assertThat(email.value()).isEqualTo(written.trim());
        assertThat(email.sameAs(Email.of(other))).isTrue();
        assertThat(email.key()).isEqualTo(Email.keyOf(other)).isEqualTo(email.key().toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest(name = "''{0}'' has the key ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "İlker@example.org | ilker@example.org",
            "ODYSSEAS.ΚΑΡΑΣ@example.gr | odysseas.καρασ@example.gr",
            "ǅemal@example.org | ǆemal@example.org"})
    void everyCharacterIsLowerCasedOnItsOwnAsTheDatabaseDoes(String written, String key) {
        assertThat(Email.keyOf(written)).isEqualTo(key);
    }

    @ParameterizedTest(name = "''{0}'' and ''{1}'' are different people")
    @CsvSource(delimiter = '|', value = {"ana@lausd.net | ana@lausd.org", "ana@lausd.net | anna@lausd.net"})
    void differentAddressesAreDifferentPeople(String one, String other) {
        assertThat(Email.of(one).sameAs(Email.of(other))).isFalse();
    }

    @ParameterizedTest(name = "''{0}'' disguises a plain letter: ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "\u212Aate@lausd.net    | \u212A (U+212A)",
            "ana.\u0130lker@lausd.net | \u0130 (U+0130)",
            "KATE@LAUSD.NET         | ''",
            "José@example.org       | ''",
            "\u212Bsa@example.org   | ''",
            "straße@example.de      | ''"})
    void aCharacterThatLowerCasesToAPlainLetterWithoutBeingOneIsFound(String written, String disguised) {
        assertThat(Email.of(written).disguisedLetter().orElse("")).isEqualTo(disguised);
    }

    @ParameterizedTest(name = "''{0}'' is kept as ''{1}'', showing nothing at ''{2}''")
    @CsvSource(delimiter = '|', value = {
            "'ana@lausd.net\u00A0'        | ana@lausd.net     | ''",
            "'\uFEFF\u200Bana@lausd.net ' | ana@lausd.net     | ''",
            "'\u3000ana@lausd.net\u202F'  | ana@lausd.net     | ''",
            "'ana\u200B@lausd.net'        | ana\u200B@lausd.net | U+200B",
            "'ana\u00A0diaz@lausd.net'    | ana\u00A0diaz@lausd.net | U+00A0",
            "'ana diaz@lausd.net'         | ana diaz@lausd.net | U+0020"})
    void spacesAndInvisibleCharactersAroundAnAddressAreDroppedAndInsideItAreFound(String written, String kept,
            String unseen) {
        Email email = Email.of(written);
        assertThat(email.value()).isEqualTo(kept);
        assertThat(email.unseenCharacter().orElse("")).isEqualTo(unseen);
    }
}
