package org.tomsprov.upload;

/** A file that cannot be read as the expected table at all: wrong encoding, not a spreadsheet, missing columns. */
public class FileRejectedException extends RuntimeException {

    private final String code;

    public FileRejectedException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
