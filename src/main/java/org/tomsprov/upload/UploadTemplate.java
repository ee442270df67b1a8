package org.tomsprov.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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
            write(sheet.createRow(0), headers());
            write(sheet.createRow(1), SAMPLE);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Row row, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            row.createCell(i).setCellValue(cells.get(i));
        }
    }
}
