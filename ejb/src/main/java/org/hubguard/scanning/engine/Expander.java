package org.hubguard.scanning.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decompresses into a new source with bounds: at most {@code ratio x} the compressed size (but always the
 * minimum allowance) and the scan's total budget. Past that the input is a bomb: an ERROR verdict, not a crash.
 * Large outputs go to a temporary file removed with the scan.
 */
final class Expander {

    private Expander() {
    }

    static RandomAccessSource expand(ScanContext ctx, RandomAccessSource source, long offset, long length, Codec codec)
            throws IOException, Malformed, LimitExceeded {
        long allowed = Math.max(ctx.limits().minExpansion(), saturatedMultiply(length, ctx.limits().maxExpansionRatio()));
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        Path file = null;
        OutputStream out = memory;
        long total = 0;
        try (InputStream in = codec.open(new SourceInputStream(source, offset, length))) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > allowed) {
                    throw new LimitExceeded("decompression bomb: " + codec.label + " data of " + length + " bytes expands past "
                            + allowed + " bytes");
                }
                ctx.expand(n);
                if (file == null && total > ctx.limits().inMemoryLimit()) {
                    file = ctx.newTempFile();
                    out = Files.newOutputStream(file);
                    memory.writeTo(out);
                    memory = null;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            throw new Malformed(codec.label + " data is corrupt: " + e.getMessage());
        } finally {
            closeQuietly(out);
        }
        if (file == null) {
            return RandomAccessSource.of(memory.toByteArray());
        }
        return ctx.track(RandomAccessSource.of(file));
    }

    /** The first bytes of the decompressed data (for sniffing), or what there is of them; null if it cannot be read. */
    static byte[] head(RandomAccessSource source, long offset, long length, Codec codec, int n) {
        try (InputStream in = codec.open(new SourceInputStream(source, offset, length))) {
            return in.readNBytes(n);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // the temporary file is deleted with the scan
        }
    }
}
