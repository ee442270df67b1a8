package org.tomsprov.upload;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The two file formats an upload may have, told apart by content, not by what the client claims. */
public enum UploadFormat {
    CSV, XLSX;

    public static final String XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /**
     * The format of {@code content}: a ZIP (the XLSX container) is XLSX; anything else must be UTF-8 text to be CSV.
     * Old binary .xls workbooks and other binaries are rejected with a reason.
     */
    public static UploadFormat detect(byte[] content) {
        if (content.length == 0) {
            throw new FileRejectedException("EMPTY_FILE", "the file is empty");
        }
        if (content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
            return XLSX;
        }
        if (content.length >= 8 && (content[0] & 0xFF) == 0xD0 && (content[1] & 0xFF) == 0xCF) {
            throw new FileRejectedException("NOT_A_SPREADSHEET", "old Excel (.xls) files are not accepted; save as .xlsx or CSV UTF-8");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
        } catch (CharacterCodingException e) {
            throw new FileRejectedException("NOT_UTF8", "the file is neither an .xlsx workbook nor UTF-8 text; save it as CSV UTF-8");
        }
        for (byte b : content) {
            if (b == 0) {
                throw new FileRejectedException("NOT_A_SPREADSHEET", "the file is binary, not CSV text");
            }
        }
        return CSV;
    }
}
