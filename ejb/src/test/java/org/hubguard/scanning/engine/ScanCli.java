package org.hubguard.scanning.engine;

import java.nio.file.Path;

/** Prints the scanner's report for each file given (for corpus work and debugging): {@code verdict path json}. */
public final class ScanCli {

    private ScanCli() {
    }

    public static void main(String[] args) throws Exception {
        ModelScanner scanner = new ModelScanner();
        for (String arg : args) {
            ScanReport report = scanner.scan(Path.of(arg));
            System.out.println(report.verdict().wireName() + "\t" + arg + "\t" + report.serialize());
        }
    }
}
