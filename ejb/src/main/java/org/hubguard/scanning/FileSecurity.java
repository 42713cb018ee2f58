package org.hubguard.scanning;

import java.util.List;

/** What the scanners say about one file, combined: infected beats error beats suspicious beats pending beats ok. */
public record FileSecurity(String status, List<String> virusNames, String pickleHighest, List<PickleImport> pickleImports,
                           String error) {

    public boolean isUnsafe() {
        return "infected".equals(status);
    }
}
