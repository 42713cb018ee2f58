package org.hubguard.web.repos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.access.Action;
import org.hubguard.access.HubguardException;
import org.hubguard.git.CommitRules;
import org.hubguard.git.CommitService;
import org.hubguard.git.FileChange;
import org.hubguard.git.FileContent;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;
import org.hubguard.git.TemporaryUpload;
import org.hubguard.git.TreeEntry;
import org.hubguard.lfs.LfsStore;
import org.hubguard.repos.Repository;
import org.hubguard.scanning.FileScan;
import org.hubguard.scanning.FileSecurity;
import org.hubguard.scanning.RepositorySecurity;
import org.hubguard.scanning.ScanService;
import org.hubguard.cards.CardMetadata;
import org.hubguard.cards.RepoCards;
import org.hubguard.web.Pages;
import org.hubguard.web.cards.MarkdownHtml;

/**
 * Backs {@code /repos/show} (the model card and files at {@code /{ns}/{name}} and a folder at
 * {@code tree/{rev}/{path}}, with scan badges) and {@code /repos/file} (one file at {@code blob/{rev}/{path}}: its
 * scan verdict first, then its text with line numbers or its rendered markdown; for writers on the default
 * branch the editor): browsing, and the editor's commits (create, edit, upload, delete).
 */
@Named("repoFiles")
@ViewScoped
public class RepositoryFilesPage extends RepositoryPage {

    private static final long serialVersionUID = 1L;

    /** Files up to this size are shown (and editable) as text. */
    static final long MAX_SHOWN = 512 * 1024;

    @Inject
    GitReader git;

    @Inject
    CommitService commits;

    @Inject
    LfsStore lfsStore;

    @Inject
    CommitRules rules;

    @Inject
    ScanService scans;

    @Inject
    RepositorySecurity repositorySecurity;

    @Inject
    RepoCards cards;

    @Inject
    RepoUrls urls;

    /** The folder or file shown ("" for the top). */
    private String path = "";
    private String fileText;
    private String summary;
    private String newFileName;
    private transient Part upload;
    private transient Map<String, FileSecurity> security;
    private transient String cardHtml;
    /** The shown revision's commit, resolved once per request (the bean lives longer: a postback resolves again). */
    private transient Optional<ObjectId> headCommit;

    /** f:viewAction: also a 404 for a revision the repository does not have. */
    @Override
    public void load() {
        super.load();
        if (getRepo() != null && head().isEmpty()) {
            Pages.sendError(404, "There is no revision " + getRevision() + " in " + getRepo().getFullName() + ".");
        }
    }

    public boolean isCanWrite() {
        return can(Action.WRITE_REPO);
    }

    /** The editor commits to the default branch, so it is offered only there. */
    public boolean isCanEdit() {
        return isCanWrite() && isOnDefaultBranch();
    }

    public boolean isOnDefaultBranch() {
        return getRevision().equals(GitStorage.MAIN);
    }

    /** The folder view at the Hub's top URL is the model card page. */
    public boolean isCardPage() {
        return path.isEmpty();
    }

    @Override
    public String urlAt(String revision) {
        if (getFile() != null) {
            return urls.blob(getRepo(), revision, path);
        }
        return urls.tree(getRepo(), revision, path);
    }

    /** The README's body as safe HTML (front matter removed), or null when there is no README to show. */
    public String getCardHtml() {
        if (cardHtml == null) {
            cardHtml = head().flatMap(commit -> git.file(getRepo().getId(), commit, RepoCards.README))
                    .filter(readme -> !readme.isLfs() && readme.size() <= CardMetadata.MAX_README_BYTES)
                    .flatMap(readme -> git.smallFile(getRepo().getId(), readme.oid(), CardMetadata.MAX_README_BYTES))
                    .map(bytes -> MarkdownHtml.render(CardMetadata.body(new String(bytes, StandardCharsets.UTF_8)), relativeLinksIn("")))
                    .orElse("");
        }
        return cardHtml.isEmpty() ? null : cardHtml;
    }

    /** The card metadata's tags (library, pipeline, license, datasets, ...), as the Hub derives them. */
    public List<String> getCardTags() {
        return head().map(commit -> cards.at(getRepo().getId(), commit).tags(getRepo().getType())).orElse(List.of());
    }

    /** How many files have each scan status, for the security summary: status to count, most serious first. */
    public Map<String, Long> getScanCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>(java.util.Comparator.comparingInt(RepositoryFilesPage::seriousness).thenComparing(s -> s));
        getSecurity().values().forEach(verdict -> counts.merge(verdict.status(), 1L, Long::sum));
        return counts;
    }

    private static int seriousness(String status) {
        int index = List.of("infected", "suspicious", "error", "unscanned", "pending", "ok").indexOf(status);
        return index < 0 ? 3 : index;
    }

    /** Whether the caller sees the settings page at all. */
    public boolean isCanManage() {
        return can(Action.RENAME_REPO) || can(Action.CHANGE_VISIBILITY) || can(Action.DELETE_REPO);
    }

    /** The scan verdict of every file of the revision, by blob id; a visit queues what has no current result. */
    public Map<String, FileSecurity> getSecurity() {
        if (security == null) {
            security = head().map(commit -> repositorySecurity.of(getRepo().getId(), commit).security()).orElse(Map.of());
        }
        return security;
    }

    /** How many files of the revision are unsafe (infected, or a pickle with a dangerous import). */
    public long getUnsafeCount() {
        return getSecurity().values().stream().filter(FileSecurity::isUnsafe).count();
    }

    public List<FileScan> getScanDetails() {
        TreeEntry file = getFile();
        return file == null ? List.of() : scans.detailsOf(file.contentId());
    }

    /** The entries directly in the current folder. */
    public List<TreeEntry> getEntries() {
        return head().flatMap(commit -> git.tree(getRepo().getId(), commit, path, false)).orElse(List.of());
    }

    /** The current file, or null when the path is not a file. */
    public TreeEntry getFile() {
        if (path.isEmpty()) {
            return null; // the top folder
        }
        return head().flatMap(commit -> git.file(getRepo().getId(), commit, path)).orElse(null);
    }

    /** The text of the current file, or null when it is binary or too large to show. */
    public String getText() {
        TreeEntry file = getFile();
        if (file == null || file.isLfs() || file.size() > MAX_SHOWN) {
            return null;
        }
        if (fileText == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                git.copy(getRepo().getId(), file.oid(), 0, file.size(), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fileText = TextFiles.decode(bytes.toByteArray());
        }
        return fileText;
    }

    /** The text's lines, for the numbered view. */
    public List<String> getLines() {
        String text = getText();
        return text == null ? List.of() : List.of(text.split("\r?\n", -1));
    }

    /** A markdown file is shown rendered (and sanitized), like the card. */
    public boolean isMarkdown() {
        return path.toLowerCase(java.util.Locale.ROOT).endsWith(".md") && getText() != null;
    }

    public String getMarkdownHtml() {
        String folder = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        return isMarkdown() ? MarkdownHtml.render(CardMetadata.body(getText()), relativeLinksIn(folder)) : null;
    }

    /** A markdown file's relative links open the repository's files at this revision, as on the Hub. */
    private MarkdownHtml.RelativeLinks relativeLinksIn(String folder) {
        String context = jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
        String[] bases = RepoUrls.folderBases(getRepo(), getRevision(), folder);
        return new MarkdownHtml.RelativeLinks(context + bases[0], context + bases[1]);
    }

    /** The file's text as committed, ignoring what the form submitted. */
    private String originalText() {
        String submitted = fileText;
        fileText = null;
        String original = getText();
        fileText = submitted;
        return original;
    }

    /** Folders from the top down to the current path, for the breadcrumbs: [name, path]. */
    public List<String[]> getCrumbs() {
        List<String[]> crumbs = new ArrayList<>();
        String soFar = "";
        for (String part : path.isEmpty() ? new String[0] : path.split("/")) {
            soFar = soFar.isEmpty() ? part : soFar + "/" + part;
            crumbs.add(new String[] {part, soFar});
        }
        return crumbs;
    }

    public void saveFile() {
        String target = path;
        String original = originalText();
        String edited = TextFiles.keepLineEndings(fileText == null ? "" : fileText, original != null && original.contains("\r\n"));
        commitChange(new FileChange.Put(target, FileContent.of(edited.getBytes(StandardCharsets.UTF_8))), messageOr("Update " + target), true, target);
    }

    public void createFile() {
        String target = (path.isEmpty() ? "" : path + "/") + (newFileName == null ? "" : newFileName.trim());
        String text = TextFiles.keepLineEndings(fileText == null ? "" : fileText, false);
        commitChange(new FileChange.Put(target, FileContent.of(text.getBytes(StandardCharsets.UTF_8))), messageOr("Create " + target), true, target);
    }

    public void uploadFile() {
        if (upload == null || upload.getSubmittedFileName() == null || upload.getSubmittedFileName().isBlank()) {
            Pages.error(null, "Choose a file to upload.");
            return;
        }
        String name = java.nio.file.Path.of(upload.getSubmittedFileName()).getFileName().toString();
        String target = (path.isEmpty() ? "" : path + "/") + name;
        // Streamed to a temporary file: a large upload becomes an LFS file without passing through memory.
        try (TemporaryUpload received = TemporaryUpload.start(lfsStore, rules.maxLfsFileSize(), target);
             InputStream in = upload.getInputStream()) {
            in.transferTo(received);
            FileContent content = received.finish();
            commitChange(new FileChange.Put(target, content), messageOr("Upload " + target), true, target);
        } catch (IOException e) {
            Pages.error(null, "The upload could not be read: " + e.getMessage());
        } catch (HubguardException refused) {
            Pages.error(null, refused.getMessage());
        }
    }

    public void deleteFile() {
        String target = path;
        String parent = target.contains("/") ? target.substring(0, target.lastIndexOf('/')) : "";
        commitChange(new FileChange.Delete(target), messageOr("Delete " + target), false, parent);
    }

    private String messageOr(String fallback) {
        return summary == null || summary.isBlank() ? fallback : summary;
    }

    /** Commits to the default branch, then shows the file ({@code toFile}) or folder {@code nextPath} there. */
    private void commitChange(FileChange change, String message, boolean toFile, String nextPath) {
        Pages.attempt(() -> {
            String oid = commits.commit(context(), GitStorage.MAIN, message, null, null, List.of(change));
            Pages.info("Committed " + oid.substring(0, 8) + ": " + message);
            Pages.redirect(toFile ? urls.blob(getRepo(), GitStorage.MAIN, nextPath)
                    : nextPath.isEmpty() ? urls.card(getRepo()) : urls.tree(getRepo(), GitStorage.MAIN, nextPath));
        });
    }

    private Optional<ObjectId> head() {
        Repository repo = getRepo();
        if (repo == null) {
            return Optional.empty();
        }
        if (headCommit == null) {
            headCommit = git.resolve(repo.getId(), getRevision());
        }
        return headCommit;
    }

    public String getDownloadUrl() {
        return urls.resolve(getRepo(), getRevision(), path);
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path == null ? "" : path.replaceAll("^/+|/+$", "");
    }

    public void setText(String text) {
        this.fileText = text;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }

    public String getNewFileName() {
        return newFileName;
    }

    public void setNewFileName(String newFileName) {
        this.newFileName = newFileName;
    }

    public Part getUpload() {
        return upload;
    }

    public void setUpload(Part upload) {
        this.upload = upload;
    }
}
