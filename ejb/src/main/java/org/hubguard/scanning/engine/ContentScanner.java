package org.hubguard.scanning.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges one file or archive member under every format its content has: as a pickle stream (what pickle.load,
 * torch.load's legacy path and joblib read) and as each recognized container or model format, recursing into
 * archives and compressed data up to the depth limit. A file that is two formats at once is suspicious.
 */
final class ContentScanner {

    private final ScanContext ctx;

    ContentScanner(ScanContext ctx) {
        this.ctx = ctx;
    }

    /** Returns a short label of what the data is, e.g. {@code pickle}, {@code zip}, {@code gzip(pickle)}. */
    String scan(RandomAccessSource data, String at, String name, int depth) throws IOException {
        Set<Sniffer.Format> formats = Sniffer.detect(data);
        Sniffer.Claim claim = claim(name);
        List<String> labels = new ArrayList<>();
        boolean pickle = false;
        if (Sniffer.mayBePickle(data) || claim == Sniffer.Claim.PICKLE && formats.isEmpty()) {
            String label = PickleStreams.scan(ctx, data, 0, at, claim == Sniffer.Claim.PICKLE && formats.isEmpty());
            if (label != null) {
                pickle = true;
                labels.add(label);
            }
        }
        for (Sniffer.Format format : formats) {
            String label = scanFormat(format, data, at, name, depth, claim);
            if (label != null) {
                labels.add(label);
            }
        }
        if (pickle && labels.size() > 1) {
            ctx.format(at, Rating.SUSPICIOUS, "the data is both a pickle and " + String.join(" and ", labels.subList(1, labels.size()))
                    + ": loaders disagree on what they read");
        }
        checkClaim(claim, formats, pickle, at, name);
        if (labels.isEmpty()) {
            if (depth == 0) {
                ctx.format(at, Rating.INNOCUOUS, "no pickle, archive or model format found: nothing in it runs when loaded");
            }
            return "data";
        }
        return String.join("+", labels);
    }

    private static Sniffer.Claim claim(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (base.equals("pickle") || base.equals("sys_info")) {
            return Sniffer.Claim.PICKLE; // members of torch's oldest (tar) checkpoints
        }
        return Sniffer.claim(name);
    }

    private String scanFormat(Sniffer.Format format, RandomAccessSource data, String at, String name, int depth, Sniffer.Claim claim)
            throws IOException {
        try {
            return switch (format) {
                case ZIP -> {
                    requireDepth(depth, at);
                    yield ZipScanner.scan(ctx, this, data, at, depth);
                }
                case TAR -> {
                    requireDepth(depth, at);
                    yield TarArchive.scan(ctx, this, data, at, depth);
                }
                case NPY -> NpyScanner.scan(ctx, data, at);
                case SAFETENSORS -> SafetensorsScanner.scan(ctx, data, at);
                case JOBLIB_ZF -> joblibCompat(data, at, name, depth);
                default -> decompress(format, data, at, name, depth, claim);
            };
        } catch (Malformed e) {
            if (weak(format, data, claim)) {
                return null; // a few bytes that merely look like this format; no reader would take it for one
            }
            ctx.error(at, format.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
            return format.name().toLowerCase(Locale.ROOT);
        } catch (LimitExceeded e) {
            ctx.error(at, "not judged completely: " + e.getMessage());
            return format.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Whether the format was recognized on slight evidence: an end-of-central-directory signature somewhere in the
     * last 64 KiB (a pickle may hold zip bytes in a string), a safetensors-like length prefix in a file not named
     * .safetensors. Failing to parse such data means it is not that format, not that it is broken.
     */
    private static boolean weak(Sniffer.Format format, RandomAccessSource data, Sniffer.Claim claim) throws IOException {
        return switch (format) {
            case ZIP -> claim != Sniffer.Claim.ZIP && !Sniffer.startsLikeZip(data);
            case SAFETENSORS -> claim != Sniffer.Claim.SAFETENSORS;
            default -> false;
        };
    }

    private String decompress(Sniffer.Format format, RandomAccessSource data, String at, String name, int depth, Sniffer.Claim claim)
            throws IOException, Malformed, LimitExceeded {
        Codec codec = Codec.valueOf(format.name());
        boolean weakMagic = format == Sniffer.Format.ZLIB || format == Sniffer.Format.LZMA;
        RandomAccessSource inner;
        try {
            requireDepth(depth, at);
            inner = Expander.expand(ctx, data, 0, data.size(), codec);
        } catch (Malformed e) {
            if (weakMagic && claim != Sniffer.Claim.COMPRESSED && claim != Sniffer.Claim.PICKLE) {
                return null; // two bytes that merely look like a zlib or lzma header
            }
            throw e;
        }
        String innerName = Sniffer.inner(name);
        return codec.label + "(" + scan(inner, ScanContext.child(at, "[" + codec.label + "]"), innerName, depth + 1) + ")";
    }

    /** joblib before 0.10: "ZF", the length in hex padded to 19 characters, maybe a space, then zlib data. */
    private String joblibCompat(RandomAccessSource data, String at, String name, int depth)
            throws IOException, Malformed, LimitExceeded {
        requireDepth(depth, at);
        if (data.size() < 22) {
            throw new Malformed("truncated joblib ZF header");
        }
        long start = ZipArchive.read(data, 21, 1)[0] == ' ' ? 22 : 21;
        RandomAccessSource inner = Expander.expand(ctx, data, start, data.size() - start, Codec.ZLIB);
        ctx.format(at, Rating.SUSPICIOUS, "joblib format of before 0.10: its arrays are separate files loaded with pickles allowed");
        return "joblib-zf(" + scan(inner, ScanContext.child(at, "[zlib]"), name + ".pkl", depth + 1) + ")";
    }

    private void requireDepth(int depth, String at) throws LimitExceeded {
        if (depth >= ctx.limits().maxDepth()) {
            throw new LimitExceeded("archives nested more than " + ctx.limits().maxDepth() + " deep" + (at.isEmpty() ? "" : " at " + at));
        }
    }

    private void checkClaim(Sniffer.Claim claim, Set<Sniffer.Format> formats, boolean pickle, String at, String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        boolean holds = switch (claim) {
            case NONE, PICKLE -> true; // a missing pickle is reported by the pickle walk itself
            case ZIP -> formats.contains(Sniffer.Format.ZIP);
            case NPY -> formats.contains(Sniffer.Format.NPY);
            case SAFETENSORS -> formats.contains(Sniffer.Format.SAFETENSORS);
            case COMPRESSED -> formats.stream().anyMatch(f -> f.ordinal() >= Sniffer.Format.GZIP.ordinal() && f.ordinal() <= Sniffer.Format.LZ4.ordinal());
        };
        if (holds) {
            return;
        }
        if (pickle) {
            ctx.format(at, Rating.SUSPICIOUS, "named " + base + " but is a pickle: loaders that go by content run it");
        } else {
            ctx.error(at, "named " + base + " but is not a valid " + claim.name().toLowerCase(Locale.ROOT) + " file");
        }
    }
}
