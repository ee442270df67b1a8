package org.tomsprov.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The "Upload Users" template: the exact headers and one sample row, as CSV or XLSX. */
public final class UploadTemplate {

    public static final List<String> SAMPLE = List.of("Ana", "Díaz", "ana.diaz@example.org", "916-555-0100",
            "19647331930002", "Educator - Roster", "ADD", "");

    private UploadTemplate() {
    }

    public static List<String> headers() {
        return Arrays.stream(UploadColumn.values()).map(UploadColumn::header).toList();
    }

    public static String csv() {
        try (StringWriter out = new StringWriter();
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(headers());
            printer.printRecord(SAMPLE);
            printer.flush();
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] xlsx() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Users");
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            for (int i = 0; i < headers().size(); i++) {
                sheet.setDefaultColumnStyle(i, text);
                sheet.setColumnWidth(i, 22 * 256);
            }
            write(sheet.createRow(0), headers(), text);
            write(sheet.createRow(1), SAMPLE, text);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every cell, and every column's cells to come, is Text: what a coordinator types stays as typed, where Excel
     * would keep digits as a number and drop a CDS code's leading zero.
     */
    private static void write(Row row, List<String> cells, CellStyle text) {
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(cells.get(i));
            cell.setCellStyle(text);
        }
    }
}
