package org.hubguard.scanning.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code pickle.Unpickler.find_class}'s renaming: for protocols below 3 with {@code fix_imports} (the default of
 * pickle.load, torch.load, numpy.load and joblib.load) Python 2 names map to Python 3 ones, e.g.
 * {@code __builtin__} to {@code builtins}. The table is CPython's {@code _compat_pickle}, generated into
 * {@code python2-names.txt}.
 */
final class PythonNames {

    private static final Map<String, String[]> NAMES = new HashMap<>();
    private static final Map<String, String> MODULES = new HashMap<>();

    static {
        try (InputStream in = PythonNames.class.getResourceAsStream("python2-names.txt")) {
            if (in == null) {
                throw new IllegalStateException("python2-names.txt is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.trim().split(" ");
                if (f[0].equals("name") && f.length == 5) {
                    NAMES.put(f[1] + " " + f[2], new String[] {f[3], f[4]});
                } else if (f[0].equals("module") && f.length == 3) {
                    MODULES.put(f[1], f[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PythonNames() {
    }

    static PickleGlobal resolve(String module, String name, int protocol) {
        if (protocol < 3) {
            String[] renamed = NAMES.get(module + " " + name);
            if (renamed != null) {
                return new PickleGlobal(renamed[0], renamed[1], module, name, protocol);
            }
            String newModule = MODULES.get(module);
            if (newModule != null) {
                return new PickleGlobal(newModule, name, module, name, protocol);
            }
        }
        return new PickleGlobal(module, name, module, name, protocol);
    }
}
