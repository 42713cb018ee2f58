package org.hubguard.scanning;

import java.util.Set;

import org.hubguard.scanning.PickleImport.Safety;

/**
 * How dangerous an import in a pickle is: the callables that ML checkpoints legitimately use are innocuous,
 * anything that can run commands, touch files or the network, or load more code is dangerous, the rest
 * is suspicious (unknown code runs when the file is loaded).
 */
final class PickleSafety {

    private static final Set<String> DANGEROUS_MODULES = Set.of(
            "os", "posix", "nt", "subprocess", "sys", "shutil", "socket", "runpy", "pty", "webbrowser", "importlib",
            "pickle", "_pickle", "marshal", "ctypes", "code", "codeop", "requests", "urllib", "http", "asyncio",
            "commands", "multiprocessing", "signal", "tempfile", "pathlib", "shelve", "dill", "cloudpickle", "joblib.externals.cloudpickle");

    private static final Set<String> DANGEROUS_BUILTINS = Set.of(
            "eval", "exec", "compile", "open", "__import__", "getattr", "setattr", "delattr", "globals", "locals",
            "breakpoint", "input", "execfile", "apply", "vars", "memoryview");

    private static final Set<String> INNOCUOUS = Set.of(
            "collections.OrderedDict", "collections.defaultdict", "collections.deque", "collections.Counter",
            "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
            "torch._utils._rebuild_parameter_with_state", "torch._utils._rebuild_qtensor", "torch._utils._rebuild_sparse_tensor",
            "torch.Size", "torch.device", "torch.dtype", "torch.float32", "torch.float16", "torch.bfloat16",
            "torch.FloatStorage", "torch.HalfStorage", "torch.BFloat16Storage", "torch.DoubleStorage", "torch.LongStorage",
            "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage",
            "torch.storage.UntypedStorage", "torch.serialization._get_layout",
            "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.core.multiarray.scalar",
            "numpy._core.multiarray.scalar", "numpy.ndarray", "numpy.dtype", "_codecs.encode",
            "builtins.set", "builtins.frozenset", "builtins.list", "builtins.dict", "builtins.tuple", "builtins.bytearray",
            "builtins.slice", "builtins.range", "builtins.complex", "builtins.bytes", "builtins.str", "builtins.int",
            "builtins.float", "builtins.bool", "__builtin__.set", "__builtin__.frozenset", "copy_reg._reconstructor",
            "copyreg._reconstructor", "builtins.object");

    private PickleSafety() {
    }

    static Safety of(String module, String name) {
        String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        if (DANGEROUS_MODULES.contains(module) || DANGEROUS_MODULES.contains(top)
                || (module.equals("builtins") || module.equals("__builtin__")) && DANGEROUS_BUILTINS.contains(name)
                || module.equals("platform") && name.equals("popen")) {
            return Safety.DANGEROUS;
        }
        return INNOCUOUS.contains(module + "." + name) ? Safety.INNOCUOUS : Safety.SUSPICIOUS;
    }
}
