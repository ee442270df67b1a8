package org.tomsprov.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SheetReaderTest {

    /** Reads back one CDS Code cell written as {@code kind} (number or text) with the cell format given. */
    private static String readBack(String kind, String value, String format) throws IOException {
        byte[] book;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Users");
            Row header = sheet.createRow(0);
            String[] columns = {"First Name", "Last Name", "Email", "CDS Code", "Role"};
            for (int i = 0; i < columns.length; i++) {
                header.createCell(i).setCellValue(columns[i]);
            }
            Cell cell = sheet.createRow(1).createCell(3);
            if (kind.equals("number")) {
                cell.setCellValue(Double.parseDouble(value));
            } else {
                cell.setCellValue(value);
            }
            if (!format.isEmpty()) {
                CellStyle style = wb.createCellStyle();
                style.setDataFormat(wb.createDataFormat().getFormat(format));
                cell.setCellStyle(style);
            }
            wb.write(out);
            book = out.toByteArray();
        }
        List<SheetReader.Row> rows = new ArrayList<>();
        SheetReader.read(UploadFormat.XLSX, new ByteArrayInputStream(book), rows::add);
        assertThat(rows).hasSize(1);
        return rows.get(0).get(UploadColumn.CDS_CODE);
    }

    @ParameterizedTest(name = "{0} {1} formatted \"{2}\" reads as {3}")
    @CsvSource(value = {
            "number, 19647331930001, '', 19647331930001",
            "number, 1612590130146, '', 1612590130146",
            "number, 19647331930001, General, 19647331930001",
            "number, 1612590130146, 00000000000000, 01612590130146",
            "number, 12.5, '', 12.5",
            "number, 1234567, '#,##0', '1,234,567'",
            "text, 01612590130146, '', 01612590130146",
            "text, 1.96473E+13, '', 1.96473E+13"})
    void aCellReadsAsThePersonWhoTypedItSeesIt(String kind, String value, String format, String expected)
            throws IOException {
        assertThat(readBack(kind, value, format)).isEqualTo(expected);
    }
}
