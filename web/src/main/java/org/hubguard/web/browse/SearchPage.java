package org.hubguard.web.browse;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.repos.RepoType;
import org.hubguard.web.auth.CurrentCaller;

/** Backs {@code /search?q=}: models and datasets whose name matches, the first few of each, readable by the caller. */
@Named
@RequestScoped
public class SearchPage {

    static final int SHOWN = 10;

    @Inject
    RepositoryBrowser browser;

    @Inject
    CurrentCaller caller;

    private String q;

    public List<RepositoryBrowser.Listed> getModels() {
        return found(RepoType.MODEL);
    }

    public List<RepositoryBrowser.Listed> getDatasets() {
        return found(RepoType.DATASET);
    }

    private List<RepositoryBrowser.Listed> found(RepoType type) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        return browser.find(caller.get(), type, null, q, RepositoryBrowser.Sort.UPDATED).stream().limit(SHOWN).toList();
    }

    /** The query as a URL parameter value, for the links to the full listings. */
    public String getQueryParameter() {
        return q == null ? "" : java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q;
    }
}
