package org.hubguard.scanning;

import java.util.List;

/**
 * What the scanners say about one file, combined (see {@link ScanService#combine}): {@code infected},
 * {@code pending}, {@code error}, {@code suspicious}, {@code unscanned} (too large for the antivirus) or {@code ok};
 * with the antivirus's and the model scanner's reasons when they could not judge the file.
 */
public record FileSecurity(String status, List<String> virusNames, String pickleHighest, List<PickleImport> pickleImports,
                           String avError, String modelError) {

    public boolean isUnsafe() {
        return "infected".equals(status);
    }

    /** Not known to be safe: unsafe, suspicious, or not judged. */
    public boolean hasIssue() {
        return !"ok".equals(status) && !"pending".equals(status);
    }

    /** What makes the file unsafe, in words: "virus Eicar-Test-Signature", "imports posix.system (dangerous: ...)". */
    public String findings() {
        java.util.List<String> found = new java.util.ArrayList<>();
        virusNames.forEach(name -> found.add("virus " + name));
        pickleImports.stream().filter(i -> i.safety() == PickleImport.Safety.DANGEROUS)
                .forEach(i -> found.add("imports " + i.module() + "." + i.name() + (i.why() == null || i.why().isEmpty() ? "" : " (" + i.why() + ")")));
        if (found.isEmpty() && modelError == null) {
            found.add("the model scanner judged it unsafe");
        }
        return String.join("; ", found);
    }

    /** The first reason a scanner could not judge the file, if any. */
    public String error() {
        return avError != null ? avError : modelError;
    }
}
