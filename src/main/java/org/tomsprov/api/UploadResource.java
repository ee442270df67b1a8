package org.tomsprov.api;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.tomsprov.app.uploads.UploadService;
import org.tomsprov.upload.UploadFormat;
import org.tomsprov.upload.UploadTemplate;

/** TOMS "Upload Users": send a CSV or XLSX file, follow its validation, read its errors, commit it. */
@Path("/api/v1/uploads")
@Authenticated
@Tag(name = "Uploads")
@SecurityRequirement(name = "bearer")
public class UploadResource {

    static final String CSV = "text/csv";

    private final UploadService uploads;

    UploadResource(UploadService uploads) {
        this.uploads = uploads;
    }

    @POST
    @Consumes({CSV, UploadFormat.XLSX_MEDIA_TYPE, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUpload", summary = "Upload a CSV or XLSX file of users; validation runs in the background")
    @APIResponse(responseCode = "202", description = "Received",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Responses.UploadView.class)))
    @Idempotent
    public Response upload(byte[] body, @HeaderParam(IdempotencyInterceptor.HEADER) String idempotencyKey) {
        return accepted(uploads.receive(body == null ? new byte[0] : body, null));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a CSV or XLSX file of users; validation runs in the background")
    @APIResponse(responseCode = "202", description = "Received",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Responses.UploadView.class)))
    @Idempotent
    public Response uploadMultipart(@RestForm("file") @PartType(MediaType.APPLICATION_OCTET_STREAM)
            @NotNull(message = "a multipart upload carries the file in one part named file") FileUpload file,
            @HeaderParam(IdempotencyInterceptor.HEADER) String idempotencyKey) throws java.io.IOException {
        return accepted(uploads.receive(java.nio.file.Files.readAllBytes(file.uploadedFile()), file.fileName()));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getUpload", summary = "An upload's status, progress and summary (its uploader only)")
    public Responses.UploadView get(@PathParam("id") UUID id) {
        return Responses.UploadView.of(uploads.get(id));
    }

    @GET
    @Path("/{id}/errors")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listUploadErrors", summary = "The rows in error (JSON, or a CSV report with Accept: text/csv)")
    public List<Responses.RowError> errors(@PathParam("id") UUID id) {
        return uploads.errors(id).stream().map(Responses.RowError::of).toList();
    }

    @GET
    @Path("/{id}/errors")
    @Produces(CSV)
    @Operation(summary = "The rows in error (JSON, or a CSV report with Accept: text/csv)")
    public Response errorsCsv(@PathParam("id") UUID id) {
        return Response.ok(uploads.errorsCsv(id), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"upload-" + id + "-errors.csv\"").build();
    }

    @POST
    @Path("/{id}/commit")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "commitUpload", summary = "Apply a VALIDATED upload without errors, all rows or none")
    @APIResponse(responseCode = "202", description = "Commit queued",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Responses.UploadView.class)))
    public Response commit(@PathParam("id") UUID id) {
        return accepted(uploads.commit(id));
    }

    @GET
    @Path("/template")
    @Produces(CSV)
    @Operation(operationId = "getUploadTemplate", summary = "The upload template with the exact headers and a sample row (CSV, or XLSX)")
    public Response template() {
        return Response.ok(UploadTemplate.csv(), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"toms-upload-users.csv\"").build();
    }

    @GET
    @Path("/template")
    @Produces(UploadFormat.XLSX_MEDIA_TYPE)
    @Operation(summary = "The upload template with the exact headers and a sample row (CSV, or XLSX)")
    public Response templateXlsx() {
        return Response.ok(UploadTemplate.xlsx(), UploadFormat.XLSX_MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"toms-upload-users.xlsx\"").build();
    }

    private static Response accepted(UploadService.UploadView view) {
        return Response.accepted(Responses.UploadView.of(view)).type(MediaType.APPLICATION_JSON)
                .location(URI.create("/api/v1/uploads/" + view.id())).build();
    }
}
