package org.hubguard.git;

/** One change of a commit made through the API or the editor. */
public sealed interface FileChange {

    String path();

    /** Adds or replaces a file; large files, and files the .gitattributes keeps in LFS, go to the LFS store. */
    record Put(String path, FileContent content) implements FileChange {
    }

    /** Adds or replaces a file with an LFS object already uploaded to the repository (the Hub's lfsFile); size may be null. */
    record PutLfs(String path, String oid, Long size) implements FileChange {
    }

    /** Deletes a file. */
    record Delete(String path) implements FileChange {
    }

    /** Deletes a folder and everything in it. */
    record DeleteFolder(String path) implements FileChange {
    }
}
