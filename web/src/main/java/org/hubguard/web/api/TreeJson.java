package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import jakarta.json.JsonObjectBuilder;

import org.hubguard.git.CommitSummary;
import org.hubguard.git.TreeEntry;
import org.hubguard.scanning.FileSecurity;

/**
 * A file or directory as the Hub's tree and paths-info APIs show it: {type, path, oid, size}, {@code lfs}
 * {oid (SHA-256), size, pointerSize} for LFS files, {@code securityFileStatus} for files, and with expand
 * {@code lastCommit} {id, title, date}. Never {@code xetHash}: hubguard has no Xet storage.
 */
final class TreeJson {

    private TreeJson() {
    }

    /** {@code security} for files (null for directories); {@code lastCommit} when expanded, else null. */
    static JsonObjectBuilder entry(TreeEntry entry, FileSecurity security, CommitSummary lastCommit) {
        JsonObjectBuilder item = JSON.createObjectBuilder()
                .add("type", entry.type()).add("path", entry.path()).add("oid", entry.oid()).add("size", entry.contentSize());
        if (entry.isLfs()) {
            item.add("lfs", JSON.createObjectBuilder().add("oid", entry.lfs().oid()).add("size", entry.lfs().size())
                    .add("pointerSize", entry.size()));
        }
        if (lastCommit != null) {
            item.add("lastCommit", JSON.createObjectBuilder().add("id", lastCommit.id()).add("title", lastCommit.title())
                    .add("date", HubDates.format(lastCommit.date())));
        }
        if (entry.isFile() && security != null) {
            item.add("securityFileStatus", SecurityJson.file(security));
        }
        return item;
    }
}
