package org.tomsprov.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a feed entry says moved, decided from the digests of what was served and what is. */
class ServedChangeTest {

    static final String SCHOOL = "|19647331930002|DL_EndUser|INSTITUTION|1000|CA|||CA|CALIFORNIA|||19647330000000"
            + "|Los Angeles Unified|||19647331930002|Acceptance Elementary|";
    static final String RENAMED = SCHOOL.replace("Los Angeles Unified", "LA Unified");
    static final String OTHER_SCHOOL = SCHOOL.replace("19647331930002", "19647331930003");
    static final UnaryOperator<String> DIGEST = text -> Integer.toHexString(text.hashCode());

    static ServedChange.Aspects aspects(String email, String... chains) {
        return ServedChange.Aspects.of(email, List.of(chains), DIGEST);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "a role at another school; ana@x.example; SCHOOL+OTHER; ana@x.example; PERMISSIONS",
            "the district renamed; ana@x.example; RENAMED; ana@x.example; ORGANIZATION",
            "the email's letter case; Ana@x.example; SCHOOL; ana@x.example; PROFILE",
            "a rename and a new address at once; ana@x.example; RENAMED; ana.diaz@x.example; ORGANIZATION+PROFILE",
            "nothing served; ana@x.example; SCHOOL; ana@x.example; ",
    })
    void whatMovedIsNamedByThePartsWhoseDigestsDiffer(String what, String emailBefore, String chainsNow,
            String emailNow, String expected) {
        ServedChange.Aspects before = aspects(emailBefore, SCHOOL);
        ServedChange.Aspects now = aspects(emailNow, chains(chainsNow));
        Set<ServedChange> moved = expected == null ? Set.of() : EnumSet.copyOf(
                java.util.Arrays.stream(expected.split("\\+")).map(ServedChange::valueOf).toList());
        assertThat(ServedChange.between(before, now)).as(what).isEqualTo(moved);
    }

    static String[] chains(String names) {
        return java.util.Arrays.stream(names.split("\\+")).map(name -> switch (name) {
            case "SCHOOL" -> SCHOOL;
            case "OTHER" -> OTHER_SCHOOL;
            case "RENAMED" -> RENAMED;
            default -> throw new IllegalArgumentException(name);
        }).toArray(String[]::new);
    }

    @Test
    void whatWasServedUnknownOrNeverKeptCountsAsEverythingMoved() {
        assertThat(ServedChange.between(null, aspects("ana@x.example", SCHOOL)))
                .containsExactlyInAnyOrder(ServedChange.values());
        assertThat(ServedChange.Aspects.parse(null)).isNull();
        ServedChange.Aspects stored = aspects("ana@x.example", SCHOOL);
        assertThat(ServedChange.Aspects.parse(stored.text())).isEqualTo(stored);
    }

    @Test
    void aChainWithoutNamesKeepsEveryCodeAndEmptiesTheThreeNames() {
        assertThat(TenancyChain.withoutNames(SCHOOL)).isEqualTo(
                "|19647331930002|DL_EndUser|INSTITUTION|1000|CA|||CA||||19647330000000||||19647331930002||");
        assertThat(TenancyChain.withoutNames(RENAMED)).isEqualTo(TenancyChain.withoutNames(SCHOOL));
    }
}
