package org.hubguard.scanning.engine;

import java.util.Locale;

/**
 * One thing the scanner found, with where and why: an import a pickle makes (module and name as Python resolves
 * them), a feature of the file's format (a zip whose local header disagrees with its central directory), or why the
 * file could not be judged.
 *
 * @param location where in the file: "" for the file itself, else e.g. {@code archive/data.pkl} or
 *                 {@code [gzip]!/model.pkl pickle #2}
 */
public record Finding(Kind kind, String location, String module, String name, Rating rating, String why) {

    public enum Kind {
        IMPORT, FORMAT, ERROR;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Finding importOf(String location, PickleGlobal global, PicklePolicy.Judgement judgement) {
        String why = judgement.why();
        if (global.renamed()) {
            why += " (written as " + global.writtenModule() + "." + global.writtenName() + ")";
        }
        return new Finding(Kind.IMPORT, location, global.module(), global.name(), judgement.rating(), why);
    }

    static Finding format(String location, Rating rating, String why) {
        return new Finding(Kind.FORMAT, location, null, null, rating, why);
    }

    static Finding error(String location, String why) {
        return new Finding(Kind.ERROR, location, null, null, Rating.SUSPICIOUS, why);
    }

    /** The verdict this finding alone calls for. */
    public Verdict verdict() {
        if (rating == Rating.DANGEROUS) {
            return Verdict.UNSAFE;
        }
        if (kind == Kind.ERROR) {
            return Verdict.ERROR;
        }
        return rating == Rating.SUSPICIOUS ? Verdict.SUSPICIOUS : Verdict.SAFE;
    }

    /** {@code module.name} for imports. */
    public String qualifiedName() {
        return module == null ? null : module + "." + name;
    }
}
