package org.tomsprov.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.io.input.BOMInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.util.CellReference;

/**
 * A CSV file with a header row, read with Apache Commons CSV: UTF-8 with or without BOM, LF or CRLF, RFC 4180
 * quoting. Columns are matched case-insensitively, ignoring spaces, dashes and punctuation ("E-mail Address"
 * matches "Email Address"), and through aliases. Rows are streamed, never all held.
 */
public final class CsvTable implements Iterable<CSVRecord>, AutoCloseable {

    /** What a row with more cells than the header row is told. */
    public static final String TOO_MANY_CELLS = "the row has more cells than the header row: a value with a comma in it"
            + " (\"Smith, Jr.\") needs double quotes around it";

    private final CSVParser parser;
    private final Map<String, Integer> columns;
    private final int width;

    private final int headerCells;

    private CsvTable(CSVParser parser, Map<String, Integer> columns, int width, int headerCells) {
        this.parser = parser;
        this.columns = columns;
        this.width = width;
        this.headerCells = headerCells;
    }

    /** Opens a table; every column of {@code required} must be present, {@code optional} ones may be. */
    public static CsvTable open(InputStream in, List<String> required, List<String> optional) {
        return open(in, required, optional, Map.of());
    }

    /**
     * Opens a table with aliases: a header whose key (see {@link #key}) is listed maps to the named column.
     */
    public static CsvTable open(InputStream in, List<String> required, List<String> optional, Map<String, String> aliases) {
        try {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            Reader reader = new InputStreamReader(BOMInputStream.builder().setInputStream(in).get(), decoder);
            CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true)
                    .get().parse(reader);
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new FileRejectedException("EMPTY_FILE", "the file has no header row");
            }
            CSVRecord header = it.next();
            Map<String, String> wanted = new HashMap<>();
            for (String column : required) {
                wanted.put(key(column), column);
            }
            for (String column : optional) {
                wanted.put(key(column), column);
            }
            aliases.forEach((alias, column) -> wanted.put(key(alias), column));
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String column = wanted.get(key(header.get(i)));
                if (column != null && columns.putIfAbsent(column, i) != null) {
                    throw duplicateColumn(column, columns.get(column), header.get(columns.get(column)), i, header.get(i));
                }
            }
            List<String> missing = new ArrayList<>();
            for (String column : required) {
                if (!columns.containsKey(column)) {
                    missing.add(column);
                }
            }
            if (!missing.isEmpty()) {
                throw new FileRejectedException("MISSING_COLUMN", "the header row lacks the column(s) "
                        + String.join(", ", missing));
            }
            int width = header.size();
            while (width > 0 && header.get(width - 1).isBlank()) {
                width--;
            }
            return new CsvTable(parser, columns, width, header.size());
        } catch (MalformedInputException e) {
            throw notUtf8();
        } catch (IOException e) {
            throw rethrow(e);
        } catch (java.io.UncheckedIOException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * A column the header names twice (by its name or an alias): which of the two holds the values would be a guess,
     * and a file can hold different ones in each.
     */
    public static FileRejectedException duplicateColumn(String column, int first, String firstText, int second,
            String secondText) {
        return new FileRejectedException("DUPLICATE_COLUMN", "the header row has the column " + column
                + " twice (columns " + CellReference.convertNumToColString(first) + " and "
                + CellReference.convertNumToColString(second) + ": \"" + firstText.strip()
                + "\" and \"" + secondText.strip() + "\"); keep one");
    }

    /** A header or alias reduced to lower-case letters and digits. */
    public static String key(String header) {
        StringBuilder key = new StringBuilder();
        header.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The trimmed cell of a column, "" when empty or absent. */
    public String get(CSVRecord record, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.size()) {
            return "";
        }
        return record.get(index).strip();
    }

    /**
     * Whether the row has more cells than the header row, or a value beyond the header's last named column: most
     * often a comma inside an unquoted value, which shifts every cell after it into the next column. Empty cells
     * after the last column are fine when the header row has them too, as files saved from a spreadsheet do.
     */
    public boolean overflows(CSVRecord record) {
        if (record.size() > headerCells) {
            return true;
        }
        for (int i = width; i < record.size(); i++) {
            if (!record.get(i).isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** The row number as a spreadsheet user counts it: the header is row 1. */
    public int rowNumber(CSVRecord record) {
        return (int) record.getRecordNumber();
    }

    @Override
    public Iterator<CSVRecord> iterator() {
        Iterator<CSVRecord> inner = parser.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return inner.hasNext();
                } catch (java.io.UncheckedIOException e) {
                    throw rethrow(e.getCause());
                }
            }

            @Override
            public CSVRecord next() {
                try {
                    return inner.next();
                } catch (java.io.UncheckedIOException e) {
                    throw rethrow(e.getCause());
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static RuntimeException rethrow(IOException e) {
        if (e instanceof MalformedInputException || e instanceof java.nio.charset.CharacterCodingException) {
            return notUtf8();
        }
        if (e.getMessage() != null && e.getMessage().contains("EOF reached before encapsulated token finished")) {
            return new FileRejectedException("MALFORMED_CSV", "a quoted cell is never closed");
        }
        return new FileRejectedException("MALFORMED_CSV", "the file is not valid CSV");
    }

    private static FileRejectedException notUtf8() {
        return new FileRejectedException("NOT_UTF8", "the file is not UTF-8 text; save it as CSV UTF-8");
    }
}
