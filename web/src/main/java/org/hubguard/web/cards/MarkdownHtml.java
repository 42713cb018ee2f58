package org.hubguard.web.cards;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * A README (or any markdown file) as HTML that is safe to put in a page: CommonMark with GitHub's tables, as
 * the Hub renders cards, then every tag and attribute through an allow-list. Raw HTML in markdown is legal and
 * common in model cards, so it is kept, but only as inert markup: no script, no event handler, no style, no
 * frame or form, and links only to http(s), mailto or relative URLs. The sanitizer, not the markdown library,
 * is what makes it safe; CommonMark's own URL check is a second guard on links it writes itself.
 */
public final class MarkdownHtml {

    /**
     * Where the markdown's relative links point: links to {@code pages} (the repository's blob URL of the file's
     * folder), images to {@code files} (its resolve URL), as on the Hub. Both end with "/".
     */
    public record RelativeLinks(String pages, String files) {
    }

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    /** A scheme ("https:", "javascript:"), or a path from the root or a fragment: not relative to the file. */
    private static final Pattern NOT_RELATIVE = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:|/|#).*", Pattern.DOTALL);

    private static final PolicyFactory ALLOWED = new HtmlPolicyBuilder()
            .allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "kbd", "samp",
                    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "sub", "sup", "small", "span", "div",
                    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
                    "details", "summary", "a", "img", "figure", "figcaption")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").onElements("a")
            .allowAttributes("src", "alt", "width", "height").onElements("img")
            .allowAttributes("title").globally()
            .allowAttributes("align").matching(Pattern.compile("(?i)left|right|center")).onElements("p", "div", "th", "td", "img", "h1", "h2", "h3")
            .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+-]{1,40}")).onElements("code")
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
            .allowAttributes("open").onElements("details")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    private MarkdownHtml() {
    }

    /** The markdown as sanitized HTML; relative links and images stay as written. */
    public static String render(String markdown) {
        return render(markdown, null);
    }

    /**
     * Past these, a card is shown as plain text: CommonMark's bracket matching grows with the square of the
     * brackets (400 KB of nested "[" took 30 s per view) and deep block nesting recurses until the stack ends.
     */
    private static final int MAX_CHARS = 512 * 1024;
    private static final int MAX_BRACKETS = 10_000;
    /** A line quoted more than 100 levels deep (no card needs that; the page's HTML would nest as deep). */
    private static final Pattern QUOTED_TOO_DEEP = Pattern.compile("(?m)^(?:[ \\t]{0,3}>){101}");

    /** The markdown as sanitized HTML, its relative links and images made to point into the repository. */
    public static String render(String markdown, RelativeLinks links) {
        if (markdown.length() > MAX_CHARS || markdown.chars().filter(c -> c == '[').count() > MAX_BRACKETS
                || QUOTED_TOO_DEEP.matcher(markdown).find()) {
            return asPlainText(markdown);
        }
        try {
            return renderMarkdown(markdown, links);
        } catch (StackOverflowError tooDeep) {
            return asPlainText(markdown);
        }
    }

    private static String asPlainText(String markdown) {
        return "<pre class=\"card-as-text\">" + markdown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;") + "</pre>";
    }

    private static String renderMarkdown(String markdown, RelativeLinks links) {
        HtmlRenderer.Builder renderer = HtmlRenderer.builder().extensions(EXTENSIONS).sanitizeUrls(true);
        if (links != null) {
            renderer.attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link && isRelative(attributes.get("href"))) {
                    attributes.put("href", links.pages() + attributes.get("href"));
                } else if (node instanceof Image && isRelative(attributes.get("src"))) {
                    attributes.put("src", links.files() + attributes.get("src"));
                }
            });
        }
        return ALLOWED.sanitize(renderer.build().render(PARSER.parse(markdown)));
    }

    private static boolean isRelative(String url) {
        return url != null && !url.isEmpty() && !NOT_RELATIVE.matcher(url).matches();
    }
}
