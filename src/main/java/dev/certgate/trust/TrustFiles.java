package dev.certgate.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/** Reading the operator's trust files: regular files only, bounded, with messages that say what to fix. */
final class TrustFiles {

    private TrustFiles() {
    }

    /**
     * The bytes of {@code file}.
     *
     * @throws IllegalArgumentException when it is missing, not a regular file, unreadable or larger than {@code max}
     */
    static byte[] read(Path file, long max) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new IllegalArgumentException(file + " is not a regular file");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > max) {
                    throw new IllegalArgumentException(file + " is larger than " + (max >> 20) + " MiB");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e, e);
        }
    }

    /** What identifies one version of a file: change any part and it is read again. */
    record Stamp(long modifiedNanos, long size, Object fileKey) {

        /** The stamp of {@code file} now, or {@code null} when it cannot be seen. */
        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size(), a.fileKey());
            } catch (IOException e) {
                return null;
            }
        }
    }
}
