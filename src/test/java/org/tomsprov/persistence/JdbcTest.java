package org.tomsprov.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Named parameters become positional ones in order, a collection one per element, casts untouched; a set of keys is
 * one scalar or one array.
 */
class JdbcTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Lincoln | %lincoln%",
            "50% | %50\\%%",
            "a_b | %a\\_b%",
            "C:\\dir | %c:\\\\dir%",
            "İNCE | %ince%"})
    void aSearchTextMatchesLiterallyAndFoldedAsTheDatabaseFoldsIt(String text, String pattern) {
        assertEquals(pattern, Jdbc.containing(text));
    }

    @Test
    void aCodePrefixMatchesLiterally() {
        assertEquals("0161\\_%", Jdbc.startingWith("0161_"));
    }

    @Test
    void namedParametersBecomePositionalInTheirOrderAndACollectionOnePerElement() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("years", List.of("2026-27", "2027-28"));
        parameters.put("lea", 7L);
        parameters.put("ids", List.of(1L, 2L, 3L));
        Jdbc.Positional statement = Jdbc.positional("select 1 from role_assignment where lea_id = :lea"
                + " and administration_year in (:years) and org_id = any(array[:ids]::bigint[]) and lea_id <> :lea",
                parameters);

        assertEquals("select 1 from role_assignment where lea_id = ? and administration_year in (?, ?)"
                + " and org_id = any(array[?, ?, ?]::bigint[]) and lea_id <> ?", statement.sql());
        assertEquals(List.of(7L, "2026-27", "2027-28", 1L, 2L, 3L, 7L), statement.values());
    }

    @Test
    void aMissingValueIsAnErrorAndANullOneIsBoundAsNullBeforeItsCast() {
        assertThrows(IllegalArgumentException.class, () -> Jdbc.positional("select :year", Map.of()));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("year", null);
        Jdbc.Positional statement = Jdbc.positional("select :year::varchar", parameters);
        assertEquals("select ?::varchar", statement.sql());
        assertEquals(Arrays.asList((Object) null), statement.values());
    }

    @Test
    void anEmptyCollectionIsRefusedRatherThanWrittenAsAnEmptyList() {
        assertThrows(IllegalArgumentException.class,
                () -> Jdbc.positional("select 1 where x in (:ids)", Map.of("ids", List.of())));
    }

    @Test
    void oneKeyIsComparedAsAScalarAndNoneOrManyAsAnArray() throws java.sql.SQLException {
        Jdbc.AnyOf one = new Jdbc.AnyOf("u.id", "uuid", new Object[] {"k"});
        assertEquals("u.id = ?", one.sql());
        assertEquals("k", one.value(null));
        assertEquals("u.id = any(?)", new Jdbc.AnyOf("u.id", "uuid", new Object[] {"k", "l"}).sql());
        assertEquals("u.id = any(?)", new Jdbc.AnyOf("u.id", "uuid", new Object[0]).sql());
    }
}
