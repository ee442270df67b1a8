package org.tomsprov.upload;

import java.text.Normalizer;

/**
 * Neutralizes spreadsheet formula injection in cells this service writes into downloadable CSV: a cell whose first
 * visible character is {@code = + - @} (in any width, after any leading spaces, non-breaking or full-width
 * included), or that starts with a tab or a carriage return, is prefixed with a single quote, so a spreadsheet shows
 * it as text instead of evaluating it.
 */
public final class CellSafety {

    private CellSafety() {
    }

    public static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        if (first == '\t' || first == '\r') {
            return "'" + cell;
        }
        String visible = Normalizer.normalize(cell, Normalizer.Form.NFKC).replaceFirst("^[\\s\\p{Z}]+", "");
        if (visible.isEmpty()) {
            return cell;
        }
        char lead = visible.charAt(0);
        return lead == '=' || lead == '+' || lead == '-' || lead == '@' ? "'" + cell : cell;
    }
}
