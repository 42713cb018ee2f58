package org.hubguard.web.cards;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {

    @Test
    void rendersCommonMarkAndTables() {
        String html = MarkdownHtml.render("# Title\n\nSome *text* and a [link](https://example.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assertTrue(html.contains("<h1>Title</h1>"), html);
        assertTrue(html.contains("<em>text</em>"), html);
        assertTrue(html.contains("href=\"https://example.org\""), html);
        assertTrue(html.contains("<table>") && html.contains("<td>2</td>"), html);
    }

    @Test
    void nothingFromTheMarkdownCanRunScript() {
        String html = MarkdownHtml.render("<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n"
                + "[click](javascript:alert(3)) <a href=\"javascript:alert(4)\">raw</a> <a href=\"JaVaScRiPt:alert(5)\">mixed</a>\n\n"
                + "<iframe src=\"https://evil.example\"></iframe><div style=\"background:url(x)\" onclick=\"alert(6)\">d</div>"
                + "<svg onload=alert(7)></svg><form action=\"/logout\"><button>b</button></form>");
        String lower = html.toLowerCase();
        assertFalse(lower.contains("<script"), html);
        assertFalse(lower.contains("onerror") || lower.contains("onclick") || lower.contains("onload"), html);
        assertFalse(lower.contains("javascript:"), html);
        assertFalse(lower.contains("<iframe") || lower.contains("style=") || lower.contains("<svg") || lower.contains("<form"), html);
        assertTrue(html.contains("raw") && html.contains("click"), "the link texts stay, inert: " + html);
    }

    @Test
    void relativeLinksAndImagesPointIntoTheRepository() {
        MarkdownHtml.RelativeLinks links = new MarkdownHtml.RelativeLinks("/alice/bert/blob/main/", "/alice/bert/resolve/main/");
        String html = MarkdownHtml.render("[config](config.json) ![arch](img/arch.png) [site](https://example.org) [top](#usage) [root](/bob)", links);
        assertTrue(html.contains("href=\"/alice/bert/blob/main/config.json\""), html);
        assertTrue(html.contains("src=\"/alice/bert/resolve/main/img/arch.png\""), html);
        assertTrue(html.contains("href=\"https://example.org\"") && html.contains("href=\"#usage\"") && html.contains("href=\"/bob\""), html);
    }

    @Test
    void pathologicalCardsAreShownAsTextQuicklyAndInertly() {
        long start = System.nanoTime();
        String brackets = MarkdownHtml.render("[".repeat(200_000) + "a" + "]".repeat(200_000) + "<script>alert(1)</script>");
        assertTrue(brackets.startsWith("<pre") && !brackets.contains("<script"), brackets.substring(0, 80));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 20_000, "bounded work");
    }

    @Test
    void deepNestingFallsBackToText() throws Exception {
        String[] html = new String[1];
        Thread small = new Thread(null, () -> html[0] = MarkdownHtml.render(">".repeat(50_000) + " x <img src=x onerror=alert(1)>"),
                "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertTrue(html[0] != null && html[0].startsWith("<pre") && !html[0].contains("<img"), "text, not a StackOverflowError: " + (html[0] == null ? null : html[0].substring(0, Math.min(200, html[0].length()))));
    }
}
