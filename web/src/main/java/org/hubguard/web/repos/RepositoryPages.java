package org.hubguard.web.repos;

import java.util.ArrayList;
import java.util.List;

import java.io.Serializable;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.Action;
import org.hubguard.access.ConflictException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.OrgRole;
import org.hubguard.access.Policy;
import org.hubguard.orgs.Membership;
import org.hubguard.orgs.OrganizationService;
import jakarta.servlet.http.Part;

import org.hubguard.git.CommitInfo;
import org.hubguard.git.CommitService;
import org.hubguard.git.FileChange;
import org.hubguard.git.GitLimits;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;
import org.hubguard.git.TreeEntry;
import org.hubguard.scanning.FileScan;
import org.hubguard.scanning.FileSecurity;
import org.hubguard.scanning.ScanService;
import org.hubguard.signing.SignatureCheck;
import org.hubguard.signing.SignatureService;
import org.hubguard.repos.RepoIds;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.Pages;
import org.hubguard.web.auth.CurrentCaller;

/**
 * Backs {@code /repos/new}, {@code /repos/show} and {@code /repos/settings} ({@code ?type=model&id=ns/name}).
 * A repository the caller may not read is a 404, exactly like a missing one. View-scoped so that a
 * postback knows its repository before the buttons are decoded; the repository is read again per request.
 */
@Named
@ViewScoped
public class RepositoryPages implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RepositoryService repositories;

    @Inject
    OrganizationService organizations;

    @Inject
    Policy policy;

    @Inject
    CurrentCaller caller;

    @Inject
    GitReader git;

    @Inject
    CommitService commits;

    @Inject
    SignatureService signatures;

    @Inject
    ScanService scans;

    /** Files up to this size are shown (and editable) as text. */
    static final long MAX_SHOWN = 512 * 1024;

    private String type = RepoType.MODEL.wireName();
    private String id;
    private transient Repository repo;

    private String owner;
    private String name;
    private boolean makePrivate;
    private String newId;
    private String confirmName;

    /** The folder or file shown ("" for the top). */
    private String path = "";
    private String fileText;
    private String summary;
    private String newFileName;
    private transient Part upload;
    private transient java.util.Map<String, FileSecurity> security;

    /** f:viewAction of show and settings. */
    public void load() {
        try {
            String[] parts = RepoIds.split(id, "id");
            repo = repositories.get(caller.get(), repoType(), parts[0], parts[1]);
            if (newId == null) {
                newId = repo.getFullName();
            }
        } catch (NotFoundException | InvalidInputException e) {
            Pages.sendError(404, e.getMessage());
        }
    }

    /** f:viewAction of settings: only those who may change the repository see it. */
    public void requireManager() {
        load();
        if (getRepo() != null && !can("RENAME_REPO") && !can("CHANGE_VISIBILITY") && !can("DELETE_REPO")) {
            Pages.sendError(403, "You cannot change the settings of " + repo.getFullName() + ".");
        }
    }

    public boolean can(String action) {
        return getRepo() != null && policy.allows(caller.get(), Action.valueOf(action), repo.asResource());
    }

    /** Where the caller may create repositories: their own namespace and organizations where they are contributor or more. */
    public List<String> getOwners() {
        List<String> owners = new ArrayList<>();
        owners.add(caller.getUsername());
        for (Membership m : organizations.membershipsOf(caller.getUsername())) {
            if (m.getRole().atLeast(OrgRole.CONTRIBUTOR)) {
                owners.add(m.getOrganization().getName());
            }
        }
        return owners;
    }

    public void create() {
        try {
            Repository created = repositories.create(caller.get(), repoType(), owner, name, makePrivate);
            Pages.info("The " + created.getType().wireName() + " repository " + created.getFullName() + " was created.");
            Pages.redirect(showUrl(created));
        } catch (InvalidInputException | ConflictException | AccessDeniedException | NotFoundException e) {
            Pages.error(null, e.getMessage());
        }
    }

    public void move() {
        try {
            Repository moved = repositories.move(caller.get(), getRepo().getType(), repo.getFullName(), newId);
            Pages.info("The repository is now " + moved.getFullName() + ".");
            Pages.redirect(showUrl(moved));
        } catch (InvalidInputException | ConflictException | AccessDeniedException | NotFoundException e) {
            Pages.error(null, e.getMessage());
        }
    }

    public void toggleVisibility() {
        try {
            Repository changed = repositories.setVisibility(caller.get(), getRepo().getType(), repo.getNamespaceName(), repo.getName(), !repo.isPrivate());
            Pages.info(changed.getFullName() + " is now " + (changed.isPrivate() ? "private." : "public."));
            Pages.redirect(showUrl(changed).replace("/repos/show", "/repos/settings"));
        } catch (AccessDeniedException | NotFoundException e) {
            Pages.error(null, e.getMessage());
        }
    }

    public void toggleRequireSigned() {
        try {
            Repository changed = repositories.setRequireSigned(caller.get(), getRepo().getType(), repo.getNamespaceName(), repo.getName(), !repo.isRequireSigned());
            Pages.info(changed.isRequireSigned() ? "Pushes to " + changed.getFullName() + " must now carry only verified commits."
                    : changed.getFullName() + " no longer requires signed commits.");
            Pages.redirect(showUrl(changed).replace("/repos/show", "/repos/settings"));
        } catch (AccessDeniedException | NotFoundException e) {
            Pages.error(null, e.getMessage());
        }
    }

    public boolean isOrganizationRequiresSigned() {
        return getRepo() != null && !repo.isRequireSigned() && repositories.requiresSignedCommits(repo);
    }

    public void delete() {
        if (getRepo() == null || confirmName == null || !confirmName.trim().equals(repo.getFullName())) {
            Pages.error(null, "Type " + (repo == null ? "the repository's full name" : repo.getFullName()) + " to confirm the deletion.");
            return;
        }
        try {
            repositories.delete(caller.get(), repo.getType(), repo.getNamespaceName(), repo.getName());
            Pages.info("The repository " + repo.getFullName() + " was deleted.");
            Pages.redirect("/");
        } catch (AccessDeniedException | NotFoundException e) {
            Pages.error(null, e.getMessage());
        }
    }

    // ---- files, history and the editor ------------------------------------------------------------

    /** The scan verdict of every file of main, by blob id; a visit queues what has no current result. */
    public java.util.Map<String, FileSecurity> getSecurity() {
        if (security == null) {
            List<TreeEntry> files = head().flatMap(commit -> git.tree(getRepo().getId(), commit, "", true)).orElse(List.of())
                    .stream().filter(TreeEntry::isFile).toList();
            scans.queueFiles(getRepo().getId(), files);
            security = scans.securityOf(files);
        }
        return security;
    }

    /** How many files of main are unsafe (infected, or a pickle with a dangerous import). */
    public long getUnsafeCount() {
        return getSecurity().values().stream().filter(FileSecurity::isUnsafe).count();
    }

    public List<FileScan> getScanDetails() {
        TreeEntry file = getFile();
        return file == null ? List.of() : scans.detailsOf(file.oid());
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
        if (file == null || file.size() > MAX_SHOWN) {
            return null;
        }
        if (fileText == null) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try {
                git.copy(getRepo().getId(), file.oid(), 0, file.size(), bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            fileText = TextFiles.decode(bytes.toByteArray());
        }
        return fileText;
    }

    /** The file's text as committed, ignoring what the form submitted. */
    private String originalText() {
        String submitted = fileText;
        fileText = null;
        String original = getText();
        fileText = submitted;
        return original;
    }

    /** A commit with its signing status, for the history page. */
    public record CommitRow(CommitInfo commit, SignatureCheck signature) {

        public String badge() {
            return switch (signature.status()) {
                case VERIFIED -> "Verified";
                case UNVERIFIED -> "Unverified";
                case UNSIGNED -> "No signing status";
            };
        }

        public String detail() {
            return switch (signature.status()) {
                case VERIFIED -> org.hubguard.signing.HubguardSigner.NAME.equals(signature.signer())
                        ? "Made through hubguard for " + commit.authors().get(0) + "; signed with hubguard's key " + signature.keyFingerprint()
                        : "Signed by " + signature.signer() + " with key " + signature.keyFingerprint();
                case UNVERIFIED -> "Unverified: " + signature.reason()
                        + (signature.keyFingerprint() == null ? "" : " (key " + signature.keyFingerprint() + ", " + signature.signer() + ")");
                case UNSIGNED -> "This commit is not signed.";
            };
        }
    }

    public List<CommitRow> getCommitRows() {
        return getCommits().stream().map(c -> new CommitRow(c, signatures.check(c.id(), c.raw(), c.committerEmail()))).toList();
    }

    public List<CommitInfo> getCommits() {
        return head().map(commit -> git.commits(getRepo().getId(), commit, 0, 100)).orElse(List.of());
    }

    /** Folders from the top down to the current path, for the breadcrumbs. */
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
        commitChange(new FileChange.Put(target, edited.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                summary == null || summary.isBlank() ? "Update " + target : summary, "/repos/file", target);
    }

    public void createFile() {
        String target = (path.isEmpty() ? "" : path + "/") + (newFileName == null ? "" : newFileName.trim());
        String text = TextFiles.keepLineEndings(fileText == null ? "" : fileText, false);
        commitChange(new FileChange.Put(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                summary == null || summary.isBlank() ? "Create " + target : summary, "/repos/file", target);
    }

    public void uploadFile() {
        if (upload == null || upload.getSubmittedFileName() == null || upload.getSubmittedFileName().isBlank()) {
            Pages.error(null, "Choose a file to upload.");
            return;
        }
        String name = java.nio.file.Path.of(upload.getSubmittedFileName()).getFileName().toString();
        String target = (path.isEmpty() ? "" : path + "/") + name;
        byte[] content;
        try (java.io.InputStream in = upload.getInputStream()) {
            content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, GitLimits.MAX_FILE_SIZE + 1));
        } catch (java.io.IOException e) {
            Pages.error(null, "The upload could not be read: " + e.getMessage());
            return;
        }
        commitChange(new FileChange.Put(target, content), summary == null || summary.isBlank() ? "Upload " + target : summary,
                "/repos/file", target);
    }

    public void deleteFile() {
        String target = path;
        String parent = target.contains("/") ? target.substring(0, target.lastIndexOf('/')) : "";
        commitChange(new FileChange.Delete(target), summary == null || summary.isBlank() ? "Delete " + target : summary, "/repos/show", parent);
    }

    private void commitChange(FileChange change, String message, String page, String nextPath) {
        try {
            String oid = commits.commit(caller.get(), getRepo(), GitStorage.MAIN, message, null, null, List.of(change));
            Pages.info("Committed " + oid.substring(0, 8) + ": " + message);
            Pages.redirect(page + "?type=" + getRepo().getType().wireName() + "&id=" + getRepo().getFullName()
                    + (nextPath.isEmpty() ? "" : "&path=" + java.net.URLEncoder.encode(nextPath, java.nio.charset.StandardCharsets.UTF_8)));
        } catch (InvalidInputException | ConflictException | AccessDeniedException | NotFoundException e) {
            Pages.error(null, e.getMessage());
        }
    }

    private java.util.Optional<org.eclipse.jgit.lib.ObjectId> head() {
        return getRepo() == null ? java.util.Optional.empty() : git.resolve(getRepo().getId(), GitStorage.MAIN);
    }

    public String getDownloadUrl() {
        return getRepo().getPath() + "/resolve/main/" + path;
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

    public static String showUrl(Repository repo) {
        return "/repos/show?type=" + repo.getType().wireName() + "&id=" + repo.getFullName();
    }

    private RepoType repoType() {
        return RepoType.fromWireName(type).orElseThrow(() -> new InvalidInputException("The type must be model or dataset."));
    }

    public Repository getRepo() {
        if (repo == null && id != null) {
            try {
                String[] parts = RepoIds.split(id, "id");
                repo = repositories.get(caller.get(), repoType(), parts[0], parts[1]);
            } catch (NotFoundException | InvalidInputException e) {
                return null;
            }
        }
        return repo;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isMakePrivate() {
        return makePrivate;
    }

    public void setMakePrivate(boolean makePrivate) {
        this.makePrivate = makePrivate;
    }

    public String getNewId() {
        return newId;
    }

    public void setNewId(String newId) {
        this.newId = newId;
    }

    public String getConfirmName() {
        return confirmName;
    }

    public void setConfirmName(String confirmName) {
        this.confirmName = confirmName;
    }
}
