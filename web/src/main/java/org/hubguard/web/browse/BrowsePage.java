package org.hubguard.web.browse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.repos.RepoType;
import org.hubguard.web.auth.CurrentCaller;

/**
 * Backs {@code /models} and {@code /datasets}: search by name ({@code search}), owner ({@code author}), sort
 * ({@code sort=updated|name}) and pages of {@link #PAGE_SIZE} ({@code p}, from 0). Plain GET parameters, so every
 * listing is a link.
 */
@Named
@RequestScoped
public class BrowsePage {

    static final int PAGE_SIZE = 20;

    @Inject
    RepositoryBrowser browser;

    @Inject
    CurrentCaller caller;

    private RepoType type = RepoType.MODEL;
    private String search;
    private String author;
    private String sort;
    private int p;
    private List<RepositoryBrowser.Listed> found;

    /** f:viewAction of each page: which kind of repository it lists. */
    public void show(String wireName) {
        type = RepoType.fromWireName(wireName).orElse(RepoType.MODEL);
    }

    private List<RepositoryBrowser.Listed> found() {
        if (found == null) {
            RepositoryBrowser.Sort order = "name".equals(sort) ? RepositoryBrowser.Sort.NAME : RepositoryBrowser.Sort.UPDATED;
            found = browser.find(caller.get(), type, author, search, order);
        }
        return found;
    }

    public List<RepositoryBrowser.Listed> getResults() {
        List<RepositoryBrowser.Listed> all = found();
        int from = Math.min(all.size(), Math.max(0, p) * PAGE_SIZE);
        return all.subList(from, Math.min(all.size(), from + PAGE_SIZE));
    }

    public int getTotal() {
        return found().size();
    }

    public boolean isHasPrevious() {
        return p > 0;
    }

    public boolean isHasNext() {
        return (long) (p + 1) * PAGE_SIZE < found().size();
    }

    /** This listing's URL at page {@code page}, keeping the search, owner and sort. */
    public String pageUrl(int page) {
        return "/" + type.plural() + "?search=" + encode(search) + "&author=" + encode(author) + "&sort=" + encode(sort) + "&p=" + page;
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public String getTitle() {
        return type == RepoType.MODEL ? "Models" : "Datasets";
    }

    public String getType() {
        return type.wireName();
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getAuthor() {
        return author;
    }

    public void setAuthor(String author) {
        this.author = author;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }

    public int getP() {
        return p;
    }

    public void setP(int p) {
        this.p = Math.max(0, Math.min(p, 1_000_000)); // a page number times the page size stays an int
    }
}
