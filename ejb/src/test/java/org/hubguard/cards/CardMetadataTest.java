package org.hubguard.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hubguard.repos.RepoType;
import org.junit.jupiter.api.Test;

class CardMetadataTest {

    @Test
    void readsTheFrontMatterOfAModelCard() {
        CardMetadata card = CardMetadata.parse("---\nlicense: mit\nlibrary_name: transformers\npipeline_tag: fill-mask\n"
                + "tags:\n- tiny\ndatasets: wikitext\nlanguage: [en, fr]\nbase_model: org/base\n---\n# Title\n\n---\nnot metadata\n");
        assertTrue(card.isValid(), card.errors().toString());
        assertEquals("mit", card.values().get("license"));
        assertEquals(Optional.of("fill-mask"), card.pipelineTag());
        assertEquals(Optional.of("transformers"), card.libraryName());
        assertEquals(List.of("tiny", "transformers", "fill-mask", "dataset:wikitext", "base_model:org/base", "en", "fr", "license:mit"),
                card.tags(RepoType.MODEL));
    }

    @Test
    void datasetTagsArePrefixed() {
        CardMetadata card = CardMetadata.parse("---\nlicense: cc-by-4.0\nlanguage:\n- en\ntask_categories: [text-classification]\n---\n");
        assertEquals(List.of("task_categories:text-classification", "language:en", "license:cc-by-4.0"), card.tags(RepoType.DATASET));
    }

    @Test
    void noFrontMatterIsAnEmptyValidCard() {
        for (String readme : List.of("# Title\n", "", "---\nnever closed\n", "\n---\nkey: value\n---\n")) {
            CardMetadata card = CardMetadata.parse(readme);
            assertTrue(card.isValid());
            assertEquals(Map.of(), card.values(), readme);
        }
        assertEquals(Map.of("a", 1), CardMetadata.parse("\uFEFF---\r\na: 1\r\n---\r\n").values(), "BOM and CRLF");
    }

    @Test
    void badYamlAndWrongTypesAreErrorsWithTheLine() {
        CardMetadata broken = CardMetadata.parse("---\nlicense: mit\ntags: [a\n---\n");
        assertFalse(broken.isValid());
        assertTrue(broken.errors().get(0).startsWith("Invalid YAML in the README's metadata (line"), broken.errors().toString());
        assertEquals(List.of("The README's metadata must be a YAML mapping (key: value lines), not a list."),
                CardMetadata.parse("---\n- a\n- b\n---\n").errors());
        assertEquals(List.of("\"license\" must be a string.", "\"tags\" must be a string or a list of strings."),
                CardMetadata.parse("---\nlicense: [mit]\ntags: {a: 1}\n---\n").errors());
        assertFalse(CardMetadata.parse("---\na: 1\na: 2\n---\n").isValid(), "duplicate keys");
    }

    @Test
    void neverBuildsJavaObjectsAndBoundsAliases() {
        assertFalse(CardMetadata.parse("---\nx: !!java.io.File [/etc/passwd]\n---\n").isValid(), "the safe constructor refuses Java types");
        StringBuilder bomb = new StringBuilder("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 60; i++) {
            bomb.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a]\n");
        }
        assertFalse(CardMetadata.parse(bomb.append("---\n").toString()).isValid(), "more aliases than allowed");
    }

    @Test
    void theBodyIsTheReadmeWithoutItsFrontMatter() {
        assertEquals("# Title\n\n---\nnot metadata\n", CardMetadata.body("---\nlicense: mit\n---\n# Title\n\n---\nnot metadata\n"));
        assertEquals("# No metadata\n", CardMetadata.body("# No metadata\n"));
        assertEquals("---\nnever closed\n", CardMetadata.body("---\nnever closed\n"), "an unclosed block is not front matter");
        assertEquals("body", CardMetadata.body("\uFEFF---\na: 1\n---\nbody"));
    }
}
