package org.tomsprov.domain;

/**
 * Where a bulk upload stands: {@code RECEIVED}, then {@code VALIDATING}, then {@code VALIDATED} (or
 * {@code REJECTED} for a file-level error); a commit moves it to {@code COMMITTING}, then {@code COMMITTED} or
 * {@code FAILED}. A validated upload left uncommitted for 24 hours is {@code EXPIRED}.
 */
public enum UploadStatus { RECEIVED, VALIDATING, VALIDATED, REJECTED, COMMITTING, COMMITTED, FAILED, EXPIRED }
