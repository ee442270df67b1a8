package org.tomsprov.domain;

import java.time.LocalDate;
import java.time.Month;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A testing administration year, July 1 to June 30, written {@code 2026-27}. Role assignments and signed
 * security agreements belong to one year.
 */
public record AdministrationYear(int startYear) implements Comparable<AdministrationYear> {

    private static final Pattern TEXT = Pattern.compile("(\\d{4})-(\\d{2})");

    /**
     * How a year is written, as a regular expression a client can check before sending (the years 2000-01 to
     * 2999-00); {@link #parse} also requires the second part to be the year after the first.
     */
    public static final String WRITTEN = "^2[0-9]{3}-[0-9]{2}$";

    public AdministrationYear {
        if (startYear < 2000 || startYear > 2999) {
            throw new IllegalArgumentException("administration year out of range: " + startYear);
        }
    }

    /** The administration year that contains {@code date}. */
    public static AdministrationYear containing(LocalDate date) {
        return new AdministrationYear(date.getMonth().compareTo(Month.JULY) >= 0 ? date.getYear() : date.getYear() - 1);
    }

    /** Parses {@code 2026-27}; the second part must be the year after the first. */
    public static AdministrationYear parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("an administration year is written like 2026-27");
        }
        int start = Integer.parseInt(m.group(1));
        if ((start + 1) % 100 != Integer.parseInt(m.group(2))) {
            throw new IllegalArgumentException("an administration year spans two consecutive years, like 2026-27");
        }
        return new AdministrationYear(start);
    }

    /** The year after this one: the upcoming year while this one is current. */
    public AdministrationYear next() {
        return new AdministrationYear(startYear + 1);
    }

    @Override
    public String toString() {
        int next = (startYear + 1) % 100;
        return startYear + (next < 10 ? "-0" : "-") + next;
    }

    @Override
    public int compareTo(AdministrationYear other) {
        return Integer.compare(startYear, other.startYear);
    }
}
