package org.hubguard.web.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.RequestRefusedException;
import org.hubguard.git.GitReader;
import org.hubguard.git.TreeEntry;
import org.hubguard.lfs.LfsService;
import org.hubguard.repos.RepoContext;
import org.hubguard.scanning.FileSecurity;
import org.hubguard.scanning.ScanVerdicts;
import org.hubguard.scanning.UnsafeFileException;
import org.hubguard.web.api.SecurityJson;
import org.hubguard.web.lfs.ByteRange;

/**
 * {@code GET|HEAD /{ns}/{name}/resolve|raw/{rev}/{path}}: streams a file of a revision, with single-range
 * requests; misses answer 404 with the Hub's X-Error-Code (and X-Repo-Commit when the revision exists). For a
 * file kept in Git LFS, {@code resolve} serves the content with the Hub's headers (ETag and X-Linked-Etag =
 * its SHA-256, X-Linked-Size) and {@code raw} the pointer, as the Hub does. A file the scanners found unsafe
 * is refused (403 UnsafeFile) unless the repository allows it; every answer says the verdict in X-Scan-Status.
 */
@ApplicationScoped
public class FileDownloads {

    @Inject
    GitReader git;

    @Inject
    LfsService lfs;

    @Inject
    ScanVerdicts verdicts;

    /** Answers the download, or throws the refusal (405, 404 with the Hub's code, 416) for the caller to render. */
    public void serve(RepoContext repo, String revision, String path, boolean raw, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            throw new RequestRefusedException(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed here.");
        }
        ObjectId commit = git.resolve(repo.id(), revision)
                .orElseThrow(() -> new NotFoundException("RevisionNotFound", "Invalid rev id: " + revision));
        response.setHeader("X-Repo-Commit", commit.name());
        TreeEntry entry = git.file(repo.id(), commit, path)
                .orElseThrow(() -> new NotFoundException("EntryNotFound", "Entry not found: " + path + " at " + revision + "."));
        boolean lfsContent = entry.isLfs() && !raw;
        if (!entry.isLfs() || lfsContent) { // an LFS pointer itself is harmless text
            refuseIfUnsafe(repo, path, entry, response);
        }
        long size = entry.size();
        String etag = "\"" + entry.oid() + "\"";
        if (lfsContent) {
            size = lfs.sizeIn(repo.id(), entry.lfs().oid()).orElseThrow(() -> new NotFoundException("EntryNotFound",
                    "The large file " + path + " is not in hubguard's LFS storage (only its pointer was pushed)."));
            etag = "\"" + entry.lfs().oid() + "\"";
            response.setHeader("X-Linked-Etag", etag);
            response.setHeader("X-Linked-Size", String.valueOf(size));
        }
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", repo.repository().isPrivate() ? "private, no-cache" : "public, no-cache");
        // Repository files are user content on hubguard's own origin: never let a browser render them
        // (an uploaded .html or .svg would run with the viewer's session). Always a download.
        response.setContentType("application/octet-stream");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8).replace("+", "%20"));
        response.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        ByteRange range = ByteRange.of(request.getHeader("Range"), size, response);
        range.apply(response, size);
        if (!request.getMethod().equals("GET") || size == 0) {
            return;
        }
        if (lfsContent) {
            try (InputStream in = lfs.open(entry.lfs().oid(), range.start()); OutputStream out = response.getOutputStream()) {
                range.copy(in, out);
            }
        } else {
            git.copy(repo.id(), entry.oid(), range.start(), range.length(), response.getOutputStream());
        }
    }

    /**
     * Tells the scan verdict in X-Scan-Status (the Hub's word: safe, unsafe, suspicious, queued, error, unscanned)
     * so clients and proxies can act on it, and refuses a file found unsafe unless the repository allows it.
     */
    private void refuseIfUnsafe(RepoContext repo, String path, TreeEntry entry, HttpServletResponse response) {
        FileSecurity security = verdicts.of(entry);
        response.setHeader("X-Scan-Status", SecurityJson.status(security));
        if (security.isUnsafe() && repo.repository().isBlockUnsafeDownloads()) {
            throw new UnsafeFileException(path, security);
        }
    }
}
