package org.hubguard.scanning.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Default deny: an import is innocuous only when {@code pickle-policy.txt} allows it, dangerous when the policy
 * says it can run code (by module, callable, or an attribute name anywhere on a dotted path), suspicious otherwise.
 */
public final class PicklePolicy {

    /** The verdict on one import and the one-line reason shown to users. */
    public record Judgement(Rating rating, String why) {
    }

    /** One rule of the policy file, for review. */
    public record Rule(String kind, String module, String name, String why) {
    }

    static final String NOT_ALLOWED = "not on the allow-list: loading it runs code hubguard does not know to be inert";

    private static final PicklePolicy DEFAULT = load();

    private final Map<String, String> allowed = new LinkedHashMap<>();
    private final Map<String, String> dangerous = new LinkedHashMap<>();
    private final Map<String, String> dangerousModules = new LinkedHashMap<>();
    private final Map<String, String> dangerousNames = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();

    private PicklePolicy() {
    }

    public static PicklePolicy standard() {
        return DEFAULT;
    }

    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }

    /** Judges an import as a pickle of the given protocol makes it (protocols 0-2 rename Python 2 names). */
    public Judgement judge(String module, String name, int protocol) {
        return judge(PythonNames.resolve(module, name, protocol));
    }

    Judgement judge(PickleGlobal global) {
        Judgement resolved = judgeResolved(global.module(), global.name());
        if (global.renamed()) {
            Judgement written = judgeResolved(global.writtenModule(), global.writtenName());
            if (written.rating() == Rating.DANGEROUS && resolved.rating() != Rating.DANGEROUS) {
                return written; // with fix_imports=False Python would import the name as written
            }
        }
        return resolved;
    }

    private Judgement judgeResolved(String module, String name) {
        String allow = allowed.get(module + " " + name);
        if (allow != null) {
            return new Judgement(Rating.INNOCUOUS, "on the allow-list: " + allow);
        }
        String danger = danger(module, name);
        if (danger != null) {
            return new Judgement(Rating.DANGEROUS, danger);
        }
        if (!PythonText.isDottedIdentifier(module) || !PythonText.isDottedIdentifier(name)) {
            return new Judgement(Rating.SUSPICIOUS, "not a Python name: " + NOT_ALLOWED);
        }
        if (name.indexOf('.') >= 0) {
            return new Judgement(Rating.SUSPICIOUS, "an attribute path (protocol 4 walks it from the module): " + NOT_ALLOWED);
        }
        return new Judgement(Rating.SUSPICIOUS, NOT_ALLOWED);
    }

    /** Why the import is dangerous, or null. A dotted name is judged by every module/attribute path it can reach. */
    private String danger(String module, String name) {
        String why = moduleDanger(module);
        if (why != null) {
            return why;
        }
        String[] path = name.split("\\.", -1);
        why = dangerous.get(module + " " + name);
        if (why != null) {
            return why;
        }
        for (String segment : path) {
            why = dangerousNames.get(segment);
            if (why != null) {
                return why;
            }
            if (path.length > 1 && segment.length() > 4 && segment.startsWith("__") && segment.endsWith("__")) {
                return "walks into Python internals (" + segment + "), from where anything can be reached";
            }
        }
        // posixpath + "os.system" is os.system: every suffix of the attribute path may be a module reference
        for (int start = 0; start < path.length - 1; start++) {
            String inner = String.join(".", java.util.Arrays.copyOfRange(path, start, path.length - 1));
            String last = path[path.length - 1];
            why = moduleDanger(inner);
            if (why == null) {
                why = dangerous.get(inner + " " + last);
            }
            if (why != null) {
                return why + " (reached as " + module + " + " + name + ")";
            }
        }
        return null;
    }

    private String moduleDanger(String module) {
        for (String prefix = module; !prefix.isEmpty(); ) {
            String why = dangerousModules.get(prefix);
            if (why != null) {
                return why;
            }
            int dot = prefix.lastIndexOf('.');
            prefix = dot < 0 ? "" : prefix.substring(0, dot);
        }
        return null;
    }

    private static PicklePolicy load() {
        PicklePolicy policy = new PicklePolicy();
        try (InputStream in = PicklePolicy.class.getResourceAsStream("pickle-policy.txt")) {
            if (in == null) {
                throw new IllegalStateException("pickle-policy.txt is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                policy.add(line, number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return policy;
    }

    private void add(String line, int number) {
        int sep = line.indexOf(" -- ");
        if (sep < 0) {
            throw new IllegalStateException("pickle-policy.txt line " + number + " has no \" -- why\"");
        }
        String why = line.substring(sep + 4).trim();
        String[] f = line.substring(0, sep).trim().split("\\s+");
        switch (f[0]) {
            case "allow" -> put(allowed, f, 3, f.length == 3 ? f[1] + " " + f[2] : null, why, number);
            case "dangerous" -> put(dangerous, f, 3, f.length == 3 ? f[1] + " " + f[2] : null, why, number);
            case "dangerous-module" -> put(dangerousModules, f, 2, f.length == 2 ? f[1] : null, why, number);
            case "dangerous-name" -> put(dangerousNames, f, 2, f.length == 2 ? f[1] : null, why, number);
            default -> throw new IllegalStateException("pickle-policy.txt line " + number + ": unknown rule " + f[0]);
        }
        rules.add(new Rule(f[0], f[0].equals("dangerous-name") ? null : f[1], f.length == 3 ? f[2] : f[0].equals("dangerous-name") ? f[1] : null, why));
    }

    private static void put(Map<String, String> map, String[] fields, int arity, String key, String why, int number) {
        if (fields.length != arity || why.isEmpty()) {
            throw new IllegalStateException("pickle-policy.txt line " + number + ": expected " + (arity - 1) + " names and a reason");
        }
        if (map.put(key, why) != null) {
            throw new IllegalStateException("pickle-policy.txt line " + number + ": " + key + " is listed twice");
        }
    }
}
