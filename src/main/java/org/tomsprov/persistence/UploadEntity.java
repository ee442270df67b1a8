package org.tomsprov.persistence;

import jakarta.persistence.*;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.tomsprov.domain.UploadSummary;
import org.tomsprov.domain.UploadStatus;

@Entity
@Table(name = "upload")
public class UploadEntity {

    /** Where an upload is in its life. */
    @Id
    public UUID id;

    @Column(name = "uploader_email", nullable = false)
    public String uploaderEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UploadStatus status;

    @Column(nullable = false)
    public String format;

    @Column(name = "file_name")
    public String fileName;

    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.VARBINARY)
    public byte[] content;

    @Column(name = "total_rows", nullable = false)
    public int totalRows;

    @Column(name = "processed_rows", nullable = false)
    public int processedRows;

    @Column(name = "error_count", nullable = false)
    public int errorCount;

    @JdbcTypeCode(SqlTypes.JSON)
    public UploadSummary summary;

    @Column(name = "problem_code")
    public String problemCode;

    @Column(name = "problem_detail")
    public String problemDetail;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "validated_at")
    public OffsetDateTime validatedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
