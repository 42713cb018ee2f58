package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.access.InvalidInputException;
import org.hubguard.cards.CardMetadata;
import org.hubguard.cards.RepoCards;
import org.hubguard.git.GitReader;
import org.hubguard.git.TreeEntry;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.Repository;
import org.hubguard.scanning.FileSecurity;
import org.hubguard.scanning.RepositorySecurity;

/**
 * A repository at a revision as the Hub's repo info (and list items) show it, with the fields chosen as the
 * Hub chooses them: a default set per view, or {@code _id}, {@code id} and exactly the {@code expand}ed
 * properties. Only what is asked for is computed (the card is parsed, the tree walked, the scans read).
 */
@ApplicationScoped
public class RepoInfoJson {

    /** The properties huggingface_hub may expand (hf_api.py ExpandModelProperty_T / ExpandDatasetProperty_T). */
    static final Set<String> EXPANDABLE_MODEL = Set.of("author", "baseModels", "cardData", "childrenModelCount", "config",
            "createdAt", "disabled", "downloads", "downloadsAllTime", "evalResults", "gated", "gguf", "inference",
            "inferenceProviderMapping", "lastModified", "library_name", "likes", "mask_token", "model-index", "pipeline_tag",
            "private", "resourceGroup", "safetensors", "sha", "siblings", "spaces", "tags", "transformersInfo", "trendingScore",
            "usedStorage", "widgetData");
    static final Set<String> EXPANDABLE_DATASET = Set.of("author", "cardData", "citation", "createdAt", "description", "disabled",
            "downloads", "downloadsAllTime", "gated", "lastModified", "likes", "mainSize", "paperswithcode_id", "private",
            "resourceGroup", "sha", "siblings", "tags", "trendingScore", "usedStorage");

    /** What each view shows without expand. */
    enum View {
        INFO(List.of("_id", "id", "modelId", "author", "sha", "lastModified", "createdAt", "private", "gated", "disabled",
                "downloads", "likes", "library_name", "tags", "pipeline_tag", "cardData", "siblings", "spaces")),
        LIST(List.of("_id", "id", "modelId", "author", "likes", "downloads", "trendingScore", "private", "gated", "tags",
                "pipeline_tag", "library_name", "createdAt", "lastModified")),
        LIST_FULL(List.of("_id", "id", "modelId", "author", "sha", "lastModified", "createdAt", "private", "gated", "disabled",
                "downloads", "likes", "trendingScore", "library_name", "tags", "pipeline_tag", "siblings"));

        private final List<String> fields;

        View(List<String> fields) {
            this.fields = fields;
        }
    }

    @Inject
    GitReader git;

    @Inject
    RepoCards cards;

    @Inject
    RepositorySecurity repositorySecurity;

    /** The fields to show: the view's, or _id, id and the expanded ones (checked against the Hub's list: 400 otherwise). */
    static Set<String> fields(RepoType type, View view, List<String> expand) {
        Set<String> fields = new LinkedHashSet<>();
        if (expand.isEmpty()) {
            view.fields.stream().filter(f -> type == RepoType.MODEL || !f.equals("modelId") && !f.equals("spaces")
                    && !f.equals("pipeline_tag") && !f.equals("library_name")).forEach(fields::add);
            return fields;
        }
        Set<String> allowed = type == RepoType.MODEL ? EXPANDABLE_MODEL : EXPANDABLE_DATASET;
        fields.add("_id");
        fields.add("id");
        for (String property : expand) {
            if (!allowed.contains(property)) {
                throw new InvalidInputException("\"expand\" must be one of " + new java.util.TreeSet<>(allowed) + "; got '" + property + "'.");
            }
            fields.add(property);
        }
        return fields;
    }

    /**
     * The repository at {@code commit} with {@code fields}; {@code blobs} adds size, blobId and lfs to the
     * siblings; the field "securityRepoStatus" adds the scan summary (and queues files without a result).
     */
    public JsonObject build(Repository repo, ObjectId commit, Set<String> fields, boolean blobs) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        CardMetadata card = fields.stream().anyMatch(f -> f.equals("cardData") || f.equals("tags") || f.equals("pipeline_tag")
                || f.equals("library_name")) ? cards.at(repo.getId(), commit) : CardMetadata.EMPTY;
        List<TreeEntry> files = fields.contains("siblings")
                ? git.tree(repo.getId(), commit, "", true).orElse(List.of()).stream().filter(TreeEntry::isFile).toList() : List.of();
        for (String field : fields) {
            switch (field) {
                case "_id" -> json.add("_id", String.valueOf(repo.getId()));
                case "id" -> json.add("id", repo.getFullName());
                case "modelId" -> json.add("modelId", repo.getFullName());
                case "author" -> json.add("author", repo.getNamespaceName());
                case "sha" -> json.add("sha", commit.name());
                case "lastModified" -> json.add("lastModified", HubDates.format(git.commitTime(repo.getId(), commit)));
                case "createdAt" -> json.add("createdAt", HubDates.format(repo.getCreatedAt()));
                case "private" -> json.add("private", repo.isPrivate());
                case "gated", "disabled" -> json.add(field, false); // hubguard has no gated or disabled repositories
                case "downloads", "downloadsAllTime", "likes", "trendingScore" -> json.add(field, 0); // not counted by hubguard
                case "library_name" -> card.libraryName().ifPresent(name -> json.add(field, name));
                case "pipeline_tag" -> card.pipelineTag().ifPresent(tag -> json.add(field, tag));
                case "tags" -> json.add("tags", JSON.createArrayBuilder(card.tags(repo.getType())));
                case "cardData" -> {
                    if (!card.values().isEmpty()) {
                        json.add("cardData", CardJson.of(card.values()));
                    }
                }
                case "siblings" -> json.add("siblings", siblings(files, blobs));
                case "spaces" -> json.add("spaces", JSON.createArrayBuilder());
                case "securityRepoStatus" -> json.add("securityRepoStatus", security(repo.getId(), commit));
                default -> {
                    // a Hub property hubguard has no data for (config, safetensors, gguf, ...): left out, as the Hub does
                }
            }
        }
        return json.build();
    }

    /** [{rfilename}] or, with blobs, [{rfilename, size, blobId, lfs: {sha256, size, pointerSize}}]. */
    private static JsonArrayBuilder siblings(List<TreeEntry> files, boolean blobs) {
        JsonArrayBuilder siblings = JSON.createArrayBuilder();
        for (TreeEntry file : files) {
            JsonObjectBuilder sibling = JSON.createObjectBuilder().add("rfilename", file.path());
            if (blobs) {
                sibling.add("size", file.contentSize()).add("blobId", file.oid());
                if (file.isLfs()) {
                    sibling.add("lfs", JSON.createObjectBuilder().add("sha256", file.lfs().oid()).add("size", file.lfs().size())
                            .add("pointerSize", file.size()));
                }
            }
            siblings.add(sibling);
        }
        return siblings;
    }

    /** A visit: files without a current result are queued (see {@link RepositorySecurity}). */
    private JsonObjectBuilder security(long repositoryId, ObjectId commit) {
        RepositorySecurity.Summary summary = repositorySecurity.of(repositoryId, commit);
        return SecurityJson.repo(summary.files(), summary.security());
    }
}
