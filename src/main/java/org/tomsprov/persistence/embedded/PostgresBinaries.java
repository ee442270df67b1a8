package org.tomsprov.persistence.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries that ship inside the jar (zonky's per-platform archives), unpacked once per
 * archive into a directory named after the archive's digest, so a new version never mixes with an old one.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The unpacked installation for this machine under {@code cache}; unpacks it on first use. */
    static Path unpack(Path cache) {
        byte[] archive = archiveForThisMachine();
        Path target = cache.resolve("PG-" + digest(archive));
        if (Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
            return target;
        }
        try {
            Files.createDirectories(cache);
            Path staging = Files.createTempDirectory(cache, "unpacking-");
            extract(archive, staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // another process unpacked the same archive first: theirs is as good as ours
                deleteTree(staging);
            } catch (IOException e) {
                if (!Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
                    throw e;
                }
                deleteTree(staging);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries into " + cache, e);
        }
    }

    private static byte[] archiveForThisMachine() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") || os.contains("darwin") ? "Darwin" : os.contains("win") ? "Windows" : "Linux";
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system,
                ArchUtils.normalize(System.getProperty("os.arch")))) {
            return in.readAllBytes();
        } catch (IOException | IllegalStateException e) {
            throw new EmbeddedDatabaseException("this build has no embedded PostgreSQL for " + system + " "
                    + System.getProperty("os.arch") + "; set QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL");
        }
    }

    private static String digest(byte[] archive) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().matches("(\\./)?bin/.*")) {
                        Files.setPosixFilePermissions(path, Set.of(PosixFilePermission.OWNER_READ,
                                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
                    }
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
