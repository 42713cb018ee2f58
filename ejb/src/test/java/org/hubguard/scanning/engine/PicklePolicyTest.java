package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reviews pickle-policy.txt: every rule says why, nothing dangerous is allowed, known code runners are dangerous. */
class PicklePolicyTest {

    private static final PicklePolicy POLICY = PicklePolicy.standard();

    @Test
    void everyRuleHasAReason() {
        assertFalse(POLICY.rules().isEmpty());
        for (PicklePolicy.Rule rule : POLICY.rules()) {
            assertTrue(rule.why().length() >= 10, rule + " needs a one-line reason");
        }
    }

    @Test
    void theAllowListIsShortAndClearOfEverythingDangerous() {
        List<PicklePolicy.Rule> allowed = POLICY.rules().stream().filter(r -> r.kind().equals("allow")).toList();
        assertTrue(allowed.size() <= 120, "the allow-list is meant to stay short: " + allowed.size());
        Set<String> modules = names("dangerous-module", PicklePolicy.Rule::module);
        Set<String> callables = POLICY.rules().stream().filter(r -> r.kind().equals("dangerous"))
                .map(r -> r.module() + "." + r.name()).collect(Collectors.toSet());
        Set<String> attributes = names("dangerous-name", PicklePolicy.Rule::name);
        for (PicklePolicy.Rule rule : allowed) {
            String module = rule.module();
            for (String prefix = module; !prefix.isEmpty(); prefix = prefix.contains(".") ? prefix.substring(0, prefix.lastIndexOf('.')) : "") {
                assertFalse(modules.contains(prefix), rule + " is in the dangerous module " + prefix);
            }
            assertFalse(callables.contains(module + "." + rule.name()), rule + " is listed as dangerous");
            assertFalse(attributes.contains(rule.name()), rule + " has a dangerous name");
            assertFalse(rule.name().contains("."), rule + ": allow exact names, not attribute paths");
            assertEquals(Rating.INNOCUOUS, POLICY.judge(module, rule.name(), 4).rating(), rule.toString());
        }
    }

    private static Set<String> names(String kind, java.util.function.Function<PicklePolicy.Rule, String> field) {
        return POLICY.rules().stream().filter(r -> r.kind().equals(kind)).map(field).collect(Collectors.toSet());
    }

    /** The callables issue 13 names, and the families it names: none is safe, each is known to run code. */
    @ParameterizedTest
    @ValueSource(strings = {
            "timeit.timeit", "pdb.run", "cProfile.run", "pip.main", "pip._internal.cli.main.main", "torch.load", "torch.hub.load",
            "numpy.load", "functools.partial", "operator.attrgetter", "_operator.methodcaller", "builtins.getattr", "os.system",
            "posix.system", "nt.system", "subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_output",
            "runpy.run_path", "runpy.run_module", "runpy._run_code", "importlib.import_module", "importlib.reload",
            "builtins.eval", "builtins.exec", "builtins.compile", "builtins.__import__", "builtins.open", "webbrowser.open",
            "shutil.rmtree", "shutil.copy", "shutil.move", "socket.socket", "socket.create_connection", "ctypes.CDLL",
            "ctypes.cdll", "marshal.loads", "types.CodeType", "types.FunctionType", "sys.exit", "sys.modules", "sys.settrace",
            "profile.run", "pty.spawn", "pydoc.locate", "pkgutil.resolve_name", "torch.storage._load_from_bytes",
            "torch.serialization.load", "joblib.load", "pandas.read_pickle", "io.FileIO", "_io.FileIO", "os.popen",
            "code.InteractiveInterpreter.runcode", "bdb.Bdb.run", "posixpath.os.system", "torch._utils.torch.load",
            "collections.OrderedDict.__init__.__globals__"})
    void knownCodeRunnersAreDangerous(String qualified) {
        String[] parts = split(qualified);
        PicklePolicy.Judgement judgement = POLICY.judge(parts[0], parts[1], 4);
        assertEquals(Rating.DANGEROUS, judgement.rating(), qualified + ": " + judgement.why());
    }

    /** Python 2 names in protocol 0-2 pickles are judged as what Python 3 imports. */
    @ParameterizedTest
    @ValueSource(strings = {"__builtin__ eval", "__builtin__ getattr", "__builtin__ apply", "commands getoutput", "__builtin__ open"})
    void pythonTwoNamesAreJudgedAsTheirPythonThreeTargets(String written) {
        String[] parts = written.split(" ");
        assertEquals(Rating.DANGEROUS, POLICY.judge(parts[0], parts[1], 0).rating(), written);
    }

    @Test
    void whatIsNeitherAllowedNorKnownIsSuspicious() {
        for (String qualified : List.of("builtins.print", "sklearn.linear_model.LinearRegression", "__main__.Model",
                "torch.nn.modules.linear.Linear", "numpy.random._pickle.__randomstate_ctor")) {
            String[] parts = split(qualified);
            assertEquals(Rating.SUSPICIOUS, POLICY.judge(parts[0], parts[1], 4).rating(), qualified);
        }
        assertEquals(Rating.SUSPICIOUS, POLICY.judge("collections", "OrderedDict.fromkeys", 4).rating(), "an attribute path of an allowed class");
        assertEquals(Rating.INNOCUOUS, POLICY.judge("copy_reg", "_reconstructor", 2).rating(), "copy_reg is copyreg at protocol 2");
        assertEquals(Rating.INNOCUOUS, POLICY.judge("__builtin__", "set", 2).rating());
    }

    private static String[] split(String qualified) {
        // module names in the list are those with a lowercase last-but-one part; the name is the rest
        for (String module : List.of("pip._internal.cli.main", "torch.hub", "torch.storage", "torch.serialization", "torch._utils",
                "collections", "code", "bdb", "posixpath", "numpy.random._pickle")) {
            if (qualified.startsWith(module + ".")) {
                return new String[] {module, qualified.substring(module.length() + 1)};
            }
        }
        int dot = qualified.indexOf('.');
        return new String[] {qualified.substring(0, dot), qualified.substring(dot + 1)};
    }
}
