package org.hubguard.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.eclipse.jgit.attributes.Attribute;
import org.eclipse.jgit.attributes.AttributesNode;
import org.eclipse.jgit.attributes.AttributesRule;

/**
 * Which paths a repository keeps in Git LFS: those its top-level {@code .gitattributes} marks
 * {@code filter=lfs}, matched as git does (JGit's rules; the last matching line wins).
 */
public final class LfsAttributes {

    /** What new repositories start with: the patterns the Hugging Face Hub puts in LFS. */
    static final String DEFAULTS = """
            *.7z filter=lfs diff=lfs merge=lfs -text
            *.arrow filter=lfs diff=lfs merge=lfs -text
            *.bin filter=lfs diff=lfs merge=lfs -text
            *.bz2 filter=lfs diff=lfs merge=lfs -text
            *.ckpt filter=lfs diff=lfs merge=lfs -text
            *.ftz filter=lfs diff=lfs merge=lfs -text
            *.gguf filter=lfs diff=lfs merge=lfs -text
            *.gz filter=lfs diff=lfs merge=lfs -text
            *.h5 filter=lfs diff=lfs merge=lfs -text
            *.joblib filter=lfs diff=lfs merge=lfs -text
            *.lfs.* filter=lfs diff=lfs merge=lfs -text
            *.mlmodel filter=lfs diff=lfs merge=lfs -text
            *.model filter=lfs diff=lfs merge=lfs -text
            *.msgpack filter=lfs diff=lfs merge=lfs -text
            *.npy filter=lfs diff=lfs merge=lfs -text
            *.npz filter=lfs diff=lfs merge=lfs -text
            *.onnx filter=lfs diff=lfs merge=lfs -text
            *.ot filter=lfs diff=lfs merge=lfs -text
            *.parquet filter=lfs diff=lfs merge=lfs -text
            *.pb filter=lfs diff=lfs merge=lfs -text
            *.pickle filter=lfs diff=lfs merge=lfs -text
            *.pkl filter=lfs diff=lfs merge=lfs -text
            *.pt filter=lfs diff=lfs merge=lfs -text
            *.pth filter=lfs diff=lfs merge=lfs -text
            *.rar filter=lfs diff=lfs merge=lfs -text
            *.safetensors filter=lfs diff=lfs merge=lfs -text
            saved_model/**/* filter=lfs diff=lfs merge=lfs -text
            *.tar.* filter=lfs diff=lfs merge=lfs -text
            *.tar filter=lfs diff=lfs merge=lfs -text
            *.tflite filter=lfs diff=lfs merge=lfs -text
            *.tgz filter=lfs diff=lfs merge=lfs -text
            *.wasm filter=lfs diff=lfs merge=lfs -text
            *.xz filter=lfs diff=lfs merge=lfs -text
            *.zip filter=lfs diff=lfs merge=lfs -text
            *.zst filter=lfs diff=lfs merge=lfs -text
            *tfevents* filter=lfs diff=lfs merge=lfs -text
            """;

    public static final LfsAttributes NONE = new LfsAttributes(List.of());

    private final List<AttributesRule> rules;

    private LfsAttributes(List<AttributesRule> rules) {
        this.rules = rules;
    }

    /** The rules of a {@code .gitattributes} file's content. */
    public static LfsAttributes parse(byte[] gitattributes) {
        AttributesNode node = new AttributesNode();
        try {
            node.parse(new ByteArrayInputStream(gitattributes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LfsAttributes(node.getRules());
    }

    /** Whether git-lfs would store the file at {@code path} in LFS. */
    public boolean isLfs(String path) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            AttributesRule rule = rules.get(i);
            if (rule.isMatch(path, false)) {
                for (Attribute attribute : rule.getAttributes()) {
                    if (attribute.getKey().equals("filter")) {
                        return attribute.getState() == Attribute.State.CUSTOM && "lfs".equals(attribute.getValue());
                    }
                }
            }
        }
        return false;
    }
}
