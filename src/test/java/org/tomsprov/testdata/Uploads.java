package org.tomsprov.testdata;

import static org.tomsprov.testdata.Api.given;
import static org.assertj.core.api.Assertions.fail;

import io.restassured.response.Response;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Sends upload files and waits for their background jobs. */
public final class Uploads {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Set<String> SETTLED = Set.of("VALIDATED", "REJECTED", "COMMITTED", "FAILED", "EXPIRED");

    private Uploads() {
    }

    /** Uploads a CSV body; returns the upload id. */
    public static String csv(String uploader, String csv) {
        return given().auth().oauth2(Tokens.person(uploader)).contentType("text/csv; charset=UTF-8").body(csv)
                .when().post("/api/v1/uploads").then().statusCode(202).extract().path("id");
    }

    public static String xlsx(String uploader, byte[] workbook) {
        return given().auth().oauth2(Tokens.person(uploader)).contentType(XLSX).body(workbook)
                .when().post("/api/v1/uploads").then().statusCode(202).extract().path("id");
    }

    /** Polls until the upload settles (validated, rejected, committed, failed), up to 60 seconds. */
    public static Response settled(String uploader, String id) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Response r = given().auth().oauth2(Tokens.person(uploader)).when().get("/api/v1/uploads/" + id)
                    .then().statusCode(200).extract().response();
            if (SETTLED.contains(r.<String>path("status"))) {
                return r;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail("upload " + id + " did not settle");
        return null;
    }

    public static Response commit(String uploader, String id) {
        given().auth().oauth2(Tokens.person(uploader)).when().post("/api/v1/uploads/" + id + "/commit")
                .then().statusCode(202);
        return settled(uploader, id);
    }

    /**
     * A real workbook whose sheet is padded with {@code megabytes} of one repeated letter: a small file that unpacks
     * hundreds of times larger, as a zip bomb does.
     */
    public static byte[] zipBomb(List<String> header, int megabytes) {
        return repacked(workbook(List.of(header, header)), (name, content, out) -> {
            if (!name.startsWith("xl/worksheets/sheet")) {
                out.write(content);
                return;
            }
            String xml = new String(content, StandardCharsets.UTF_8);
            int end = xml.indexOf("</sheetData>");
            out.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
            out.write("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>".getBytes(StandardCharsets.UTF_8));
            byte[] padding = new byte[1024 * 1024];
            java.util.Arrays.fill(padding, (byte) 'a');
            for (int i = 0; i < megabytes; i++) {
                out.write(padding);
            }
            out.write(("</t></is></c></row>" + xml.substring(end)).getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The workbook with one of its parts (e.g. {@code xl/sharedStrings.xml}) edited as text. */
    public static byte[] rewritten(byte[] workbook, String part, UnaryOperator<String> edit) {
        return repacked(workbook, (name, content, out) -> out.write(name.equals(part)
                ? edit.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : content));
    }

    /** Writes one part of a workbook being packed again, from its name and content. */
    private interface PartWriter {
        void write(String name, byte[] content, OutputStream out) throws IOException;
    }

    private static byte[] repacked(byte[] workbook, PartWriter writer) {
        try (var in = new ZipInputStream(new ByteArrayInputStream(workbook));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             var out = new ZipOutputStream(bytes)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                writer.write(entry.getName(), content, out);
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workbook with the given rows, the first being the header. */
    /** A workbook of one sheet; a {@link Number} is written as a number cell (as Excel keeps typed digits), the rest as text. */
    public static byte[] workbook(List<? extends List<?>> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Users");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(String.valueOf(value));
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
