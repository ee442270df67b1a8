package org.tomsprov.upload;

/**
 * Neutralizes spreadsheet formula injection in cells this service writes into downloadable CSV: a cell that
 * starts with {@code = + - @}, a tab or a carriage return is prefixed with a single quote, so a spreadsheet shows
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
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
