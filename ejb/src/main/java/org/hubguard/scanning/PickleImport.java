package org.hubguard.scanning;

/** One callable a pickle would import when loaded, with how dangerous that is and why. */
public record PickleImport(String module, String name, Safety safety, String why) {

    public enum Safety {
        INNOCUOUS, SUSPICIOUS, DANGEROUS;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
