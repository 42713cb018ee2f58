package org.hubguard.scanning.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges data as loaders read pickles: one pickle after another until the data ends (legacy torch.save files are
 * five pickles and torch.load reads them all, so a benign first pickle must not hide a second one). Data is
 * judged as pickles when a walk reaches an import or a loader-provided object, or parses cleanly to its very end;
 * otherwise it is not a pickle, and {@code pickle.load} would fail on it without calling anything.
 */
final class PickleStreams {

    private static final int MAX_PICKLES = 10_000;

    private PickleStreams() {
    }

    /**
     * @param claimed the name or header says this is a pickle: report its failures even if nothing was imported
     * @return what the data was judged as ({@code pickle}, {@code joblib}, {@code pytorch-legacy}), or null when it is
     *         not a pickle (then nothing was reported)
     */
    static String scan(ScanContext ctx, RandomAccessSource source, long start, String at, boolean claimed) throws IOException {
        ByteCursor in = new ByteCursor(source, start);
        if (in.atEnd()) {
            if (claimed) {
                ctx.error(at, "empty: a pickle needs at least a STOP opcode");
                return "pickle";
            }
            return null;
        }
        JoblibArrays joblib = new JoblibArrays(ctx, at);
        List<PickleWalk> walks = new ArrayList<>();
        boolean legacy = false;
        String legacyProblem = null;
        long legacyEnd = -1;
        while (true) {
            PickleWalk walk = PickleWalker.walk(in, ctx.limits, joblib);
            walks.add(walk);
            if (!walk.stopped) {
                break;
            }
            if (walks.size() == 1 && LegacyTorch.isMagic(walk.value)) {
                legacy = true;
            }
            if (legacy && walks.size() == LegacyTorch.PICKLES) {
                legacyProblem = LegacyTorch.skipStorages(walks, in);
                legacyEnd = in.position();
                if (legacyProblem != null) {
                    break;
                }
            }
            if (in.atEnd()) {
                break;
            }
            if (walks.size() == MAX_PICKLES) {
                ctx.error(at, "more than " + MAX_PICKLES + " pickles in a row: not judged further");
                break;
            }
        }
        PickleWalk last = walks.get(walks.size() - 1);
        boolean clean = last.stopped && (in.atEnd() || legacyProblem != null);
        boolean reaches = walks.stream().anyMatch(PickleWalk::reachesCode);
        if (!claimed && !reaches && !clean && !legacy) {
            return null;
        }
        report(ctx, source, at, walks, legacy);
        if (legacyProblem != null) {
            ctx.format(at, Rating.SUSPICIOUS, "legacy torch checkpoint: the raw storages after its pickles do not match"
                    + " its storage keys (" + legacyProblem + ", byte " + legacyEnd + ")");
        }
        if (legacy) {
            ctx.format(at, Rating.INNOCUOUS, "legacy torch.save format: " + Math.min(walks.size(), LegacyTorch.PICKLES)
                    + " pickles, all judged");
            return "pytorch-legacy";
        }
        return walks.stream().anyMatch(w -> w.firstJoblibArray >= 0) ? "joblib" : "pickle";
    }

    private static void report(ScanContext ctx, RandomAccessSource source, String at, List<PickleWalk> walks, boolean legacy)
            throws IOException {
        for (int i = 0; i < walks.size(); i++) {
            PickleWalk walk = walks.get(i);
            String where = walks.size() == 1 ? at : (at.isEmpty() ? "" : at + " ") + "pickle #" + (i + 1);
            walk.imports.forEach(imp -> ctx.importFound(where, imp.global()));
            walk.notes.forEach(n -> ctx.format(where, Rating.SUSPICIOUS, n.text() + " (byte " + n.position() + ")"));
            if (walk.firstJoblibArray >= 0) {
                plainReading(ctx, source, walk, where);
            }
            if (walk.failure == null) {
                continue;
            }
            if (walk.limited) {
                ctx.error(where, walk.failure);
            } else if (i > 0 && walk.imports.isEmpty() && !walk.loaderObjects) {
                String after = legacy && i >= LegacyTorch.PICKLES ? "the legacy checkpoint's storages" : "pickle #" + i;
                ctx.format(at, Rating.SUSPICIOUS, (source.size() - walk.start) + " bytes after " + after + " (from byte "
                        + walk.start + ") are not another pickle: a loader that reads on would fail or read something else ("
                        + walk.failure + ")");
            } else {
                ctx.error(where, "malformed pickle: " + walk.failure + "; Python stops there, after running what came before");
            }
        }
    }

    /**
     * joblib reads an array's bytes after its wrapper, but pickle.load reads them as opcodes: a file built for both
     * readings can hide imports from a joblib-only walk. Walk it as pickle.load does as well.
     */
    private static void plainReading(ScanContext ctx, RandomAccessSource source, PickleWalk joblibWalk, String where)
            throws IOException {
        PickleWalk plain = PickleWalker.walk(new ByteCursor(source, joblibWalk.start), ctx.limits, null);
        String how = where + (where.isEmpty() ? "" : " ") + "(as pickle.load reads it)";
        java.util.Set<PickleGlobal> seen = new java.util.HashSet<>();
        joblibWalk.imports.forEach(imp -> seen.add(imp.global()));
        plain.imports.stream().filter(imp -> !seen.contains(imp.global())).forEach(imp -> ctx.importFound(how, imp.global()));
        if (plain.failure != null && plain.end <= joblibWalk.firstJoblibArray) {
            ctx.error(how, "malformed pickle: " + plain.failure);
        }
    }
}
