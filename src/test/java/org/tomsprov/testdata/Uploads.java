package org.tomsprov.testdata;

import static org.tomsprov.testdata.Api.given;
import static org.assertj.core.api.Assertions.fail;

import io.restassured.response.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

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
        byte[] plain = workbook(List.of(header, header));
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(plain));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             var out = new java.util.zip.ZipOutputStream(bytes)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                if (entry.getName().startsWith("xl/worksheets/sheet")) {
                    String xml = new String(content, java.nio.charset.StandardCharsets.UTF_8);
                    int end = xml.indexOf("</sheetData>");
                    out.write(xml.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.write("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    byte[] padding = new byte[1024 * 1024];
                    java.util.Arrays.fill(padding, (byte) 'a');
                    for (int i = 0; i < megabytes; i++) {
                        out.write(padding);
                    }
                    out.write(("</t></is></c></row>" + xml.substring(end)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workbook with one of its parts (e.g. {@code xl/sharedStrings.xml}) edited as text. */
    public static byte[] rewritten(byte[] workbook, String part, java.util.function.UnaryOperator<String> edit) {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(workbook));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             var out = new java.util.zip.ZipOutputStream(bytes)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                out.write(entry.getName().equals(part) ? edit.apply(new String(content,
                        java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8) : content);
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workbook with the given rows, the first being the header. */
    public static byte[] workbook(List<List<String>> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Users");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
