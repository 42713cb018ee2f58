package org.hubguard.lfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hubguard.config.HubguardConfig;

/**
 * LFS objects as files under {@code HUBGUARD_LFS_DIR} (default {@code <data dir>/hubguard/lfs}), at
 * {@code objects/ab/cd/<oid>} as git-lfs lays them out. Uploads are written to {@code tmp/} on the same
 * disk, hashed while they stream, and renamed into place only when hash and size match.
 */
@ApplicationScoped
public class DiskLfsStore implements LfsStore {

    @Inject
    HubguardConfig config;

    Path pathOf(String oid) {
        if (!LfsPointer.isObjectId(oid)) {
            throw new IllegalArgumentException("not an LFS object id");
        }
        return config.lfsDir().resolve("objects").resolve(oid.substring(0, 2)).resolve(oid.substring(2, 4)).resolve(oid);
    }

    @Override
    public long size(String oid) throws IOException {
        Path file = pathOf(oid);
        return Files.isRegularFile(file) ? Files.size(file) : -1;
    }

    @Override
    public Optional<Path> localFile(String oid) {
        Path file = pathOf(oid);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public InputStream open(String oid, long offset) throws IOException {
        FileChannel channel = FileChannel.open(pathOf(oid), StandardOpenOption.READ);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    @Override
    public void put(String oid, long size, InputStream content) throws IOException {
        Path temporary = newTemporaryFile();
        try {
            MessageDigest sha256 = sha256();
            long written;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha256)) {
                written = copyAtMost(content, out, size + 1); // one byte more tells a body that is too long
            }
            if (written != size) {
                throw new LfsContentException("The upload has " + (written > size ? "more than " + size : written)
                        + " bytes; object " + oid + " has " + size + ".");
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (!actual.equals(oid)) {
                throw new LfsContentException("The uploaded bytes have SHA-256 " + actual + ", not " + oid + ".");
            }
            moveIntoPlace(temporary, oid);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public void adopt(Path file, String oid, long size) throws IOException {
        try {
            if (Files.size(file) != size) {
                throw new IllegalStateException("the file has " + Files.size(file) + " bytes, not " + size);
            }
            moveIntoPlace(file, oid);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public Path newTemporaryFile() throws IOException {
        Path tmp = config.lfsDir().resolve("tmp");
        Files.createDirectories(tmp);
        return Files.createTempFile(tmp, "upload-", ".part");
    }

    /** Atomically, so a reader sees the whole object or none; an object that is already there stays as it is. */
    private void moveIntoPlace(Path temporary, String oid) throws IOException {
        Path target = pathOf(oid);
        if (Files.exists(target)) {
            return; // same hash, same bytes: someone stored it first
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException concurrentUpload) {
            // the same object, finished by a concurrent upload
        } catch (AtomicMoveNotSupportedException notOneFileSystem) {
            throw new IOException("HUBGUARD_LFS_DIR must be one file system (its tmp/ and objects/ directories)", notOneFileSystem);
        }
    }

    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        int read;
        while (total < limit && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
            out.write(buffer, 0, read);
            total += read;
        }
        return total;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
