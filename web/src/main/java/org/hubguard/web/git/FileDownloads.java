package org.hubguard.web.git;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.RequestRefusedException;
import org.hubguard.git.GitReader;
import org.hubguard.git.TreeEntry;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.Repository;

/**
 * {@code GET|HEAD /{ns}/{name}/resolve|raw/{rev}/{path}}: streams a file of a revision, with ETag (the
 * blob id), Content-Length and single-range requests; misses answer 404 with the Hub's X-Error-Code.
 */
@ApplicationScoped
public class FileDownloads {

    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    @Inject
    GitReader git;

    /** Answers the download, or throws the refusal (405, 404 with the Hub's code, 416) for the caller to render. */
    public void serve(RepoContext repo, String revision, String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            throw new RequestRefusedException(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed here.");
        }
        Repository repository = repo.repository();
        ObjectId commit = git.resolve(repository.getId(), revision)
                .orElseThrow(() -> new NotFoundException("RevisionNotFound", "Invalid rev id: " + revision));
        TreeEntry entry = git.file(repository.getId(), commit, path)
                .orElseThrow(() -> new NotFoundException("EntryNotFound", "Entry not found: " + path + " at " + revision + "."));
        String etag = "\"" + entry.oid() + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("X-Repo-Commit", commit.name());
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("Cache-Control", repository.isPrivate() ? "private, no-cache" : "public, no-cache");
        // Repository files are user content on hubguard's own origin: never let a browser render them
        // (an uploaded .html or .svg would run with the viewer's session). Always a download.
        response.setContentType("application/octet-stream");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(path.substring(path.lastIndexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        response.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        long size = entry.size();
        long start = 0;
        long end = size - 1;
        String range = request.getHeader("Range");
        if (range != null && size > 0) {
            Matcher m = RANGE.matcher(range.trim());
            boolean valid = m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())
                    && m.group(1).length() < 19 && m.group(2).length() < 19; // fits a long
            if (valid) {
                if (m.group(1).isEmpty()) { // the last n bytes
                    start = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    start = Long.parseLong(m.group(1));
                    end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
            }
            if (!valid || start >= size || start > end) {
                response.setHeader("Content-Range", "bytes */" + size);
                throw new RequestRefusedException(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable: " + range);
            }
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        long length = size == 0 ? 0 : end - start + 1;
        response.setContentLengthLong(length);
        if (request.getMethod().equals("GET") && length > 0) {
            git.copy(repository.getId(), entry.oid(), start, length, response.getOutputStream());
        }
    }
}
