package org.hubguard.git;

/** A file or directory of a revision, as the Hub's tree API lists it. */
public record TreeEntry(String type, String path, String oid, long size) {

    public boolean isFile() {
        return "file".equals(type);
    }
}
