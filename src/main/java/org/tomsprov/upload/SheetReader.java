package org.tomsprov.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.ss.util.CellReference;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Streams the rows of an upload, CSV through Apache Commons CSV or XLSX through Apache POI's SAX event API,
 * handing each data row to a consumer as cells by {@link UploadColumn}. Memory does not grow with the file.
 */
public final class SheetReader {

    /**
     * One data row: its number as a spreadsheet user counts it (the header is row 1), its cells, and whether it had
     * values beyond the header's columns (a CSV row whose cells are shifted, see {@link CsvTable#overflows}).
     */
    public record Row(int number, Map<UploadColumn, String> cells, boolean overflows) {

        public Row(int number, Map<UploadColumn, String> cells) {
            this(number, cells, false);
        }

        public String get(UploadColumn column) {
            return cells.getOrDefault(column, "");
        }
    }

    /** Receives rows in order. */
    public interface RowConsumer {
        void accept(Row row);
    }

    private SheetReader() {
    }

    public static void read(UploadFormat format, InputStream in, RowConsumer consumer) {
        switch (format) {
            case CSV -> readCsv(in, consumer);
            case XLSX -> readXlsx(in, consumer);
        }
    }

    private static void readCsv(InputStream in, RowConsumer consumer) {
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        Map<String, String> aliases = new HashMap<>();
        for (UploadColumn column : UploadColumn.values()) {
            (column.required() ? required : optional).add(column.header());
            column.aliases().forEach(alias -> aliases.put(alias, column.header()));
        }
        try (CsvTable table = CsvTable.open(in, required, optional, aliases)) {
            for (CSVRecord record : table) {
                Map<UploadColumn, String> cells = new EnumMap<>(UploadColumn.class);
                boolean blank = true;
                for (UploadColumn column : UploadColumn.values()) {
                    String value = table.get(record, column.header());
                    cells.put(column, value);
                    blank &= value.isEmpty();
                }
                if (!blank) {
                    consumer.accept(new Row(table.rowNumber(record), cells, table.overflows(record)));
                }
            }
        } catch (IOException e) {
            throw new FileRejectedException("MALFORMED_CSV", "the file is not valid CSV");
        }
    }

    private static void readXlsx(InputStream in, RowConsumer consumer) {
        try (OPCPackage pkg = OPCPackage.open(in)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new FileRejectedException("EMPTY_FILE", "the workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = SAXHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings,
                        new XlsxRows(consumer), new CellText(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (FileRejectedException e) {
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            if (expandsTooMuch(e)) {
                throw new FileRejectedException("SPREADSHEET_TOO_LARGE", "the workbook unpacks to far more data than a"
                        + " list of users holds (over " + MAX_SHEET_MB + " MB, or packed more than 100 to 1); it may be"
                        + " damaged: save it again from Excel, or upload it as CSV");
            }
            if (e instanceof RuntimeException runtime && !(e instanceof org.apache.poi.UnsupportedFileFormatException
                    || e instanceof org.apache.poi.ooxml.POIXMLException)) {
                throw runtime;
            }
            throw new FileRejectedException("NOT_A_SPREADSHEET", "the file is not an Excel workbook (.xlsx)");
        }
    }

    /**
     * A number's text as the person who typed it sees it in the cell. Excel keeps typed digits as a number, and its
     * General format (as POI's formatter) shows one of more than eleven digits in scientific notation:
     * 19647331930001 would read "1.96473E+13". A whole number in General format reads as all its digits; any
     * other format (a zero-padded "00000000000000", a date, a decimal) as that format shows it.
     */
    static final class CellText extends org.apache.poi.ss.usermodel.DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if ((formatString == null || formatString.equalsIgnoreCase("General")) && value == Math.rint(value)
                    && Math.abs(value) < 1e15) {
                return new java.math.BigDecimal(value).toBigInteger().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
        }
    }

    /** The largest sheet (unpacked XML) read: 200,000 rows of users take well under a third of it. */
    static final int MAX_SHEET_MB = 256;

    static {
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(MAX_SHEET_MB * 1024L * 1024L);
    }

    /** POI's own guards against zip bombs (inflate ratio, entry size) refused the workbook. */
    private static boolean expandsTooMuch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("Zip bomb") || message.contains("exceeds the maximum")
                    || message.contains("MAX_ENTRY_SIZE") || message.contains("setMaxEntrySize"))) {
                return true;
            }
        }
        return false;
    }

    /** Collects one XLSX row's cells, maps the header on the first non-empty row, hands data rows on. */
    private static final class XlsxRows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowConsumer consumer;
        private final Map<Integer, String> current = new HashMap<>();
        private Map<Integer, UploadColumn> columns;
        private int rowIndex;

        XlsxRows(RowConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public void startRow(int rowNum) {
            rowIndex = rowNum;
            current.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (current.values().stream().allMatch(String::isBlank)) {
                return;
            }
            if (columns == null) {
                columns = header(current);
                return;
            }
            Map<UploadColumn, String> cells = new EnumMap<>(UploadColumn.class);
            columns.forEach((index, column) -> cells.put(column, current.getOrDefault(index, "").strip()));
            consumer.accept(new Row(rowIndex + 1, cells));
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int col = reference == null ? current.size() : new CellReference(reference).getCol();
            current.put(col, value == null ? "" : value);
        }

        private static Map<Integer, UploadColumn> header(Map<Integer, String> headerCells) {
            Map<String, UploadColumn> wanted = new HashMap<>();
            for (UploadColumn column : UploadColumn.values()) {
                wanted.put(CsvTable.key(column.header()), column);
                column.aliases().forEach(alias -> wanted.put(CsvTable.key(alias), column));
            }
            Map<Integer, UploadColumn> columns = new HashMap<>();
            Map<UploadColumn, Integer> seen = new EnumMap<>(UploadColumn.class);
            new java.util.TreeMap<>(headerCells).forEach((index, text) -> {
                UploadColumn column = wanted.get(CsvTable.key(text));
                if (column != null) {
                    Integer first = seen.putIfAbsent(column, index);
                    if (first != null) {
                        throw CsvTable.duplicateColumn(column.header(), first, headerCells.get(first), index, text);
                    }
                    columns.put(index, column);
                }
            });
            List<String> missing = new ArrayList<>();
            for (UploadColumn column : UploadColumn.values()) {
                if (column.required() && !columns.containsValue(column)) {
                    missing.add(column.header());
                }
            }
            if (!missing.isEmpty()) {
                throw new FileRejectedException("MISSING_COLUMN", "the header row lacks the column(s) " + String.join(", ", missing));
            }
            return columns;
        }
    }
}
