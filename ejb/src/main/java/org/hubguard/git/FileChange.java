package org.hubguard.git;

/** One change of a commit made through the API or the editor. */
public sealed interface FileChange {

    String path();

    /** Adds or replaces a file. */
    record Put(String path, byte[] content) implements FileChange {
    }

    /** Deletes a file. */
    record Delete(String path) implements FileChange {
    }

    /** Deletes a folder and everything in it. */
    record DeleteFolder(String path) implements FileChange {
    }
}
