#!/usr/bin/python3
"""Shows that the corpus techniques are real bypasses: builds each file that has a loader in make_corpus.py with a
payload that creates a marker file, loads it with the real loader (pickle, torch.load, numpy.load, joblib.load) in a
throwaway process (forked from one that imported torch, numpy and joblib once), and reports whether the marker
appeared. ProvenBypassTest then checks hubguard calls none of these files safe.

    /usr/bin/python3 ejb/src/test/corpus/prove_bypass.py OUTDIR     (needs python3-torch python3-numpy python3-joblib)

Prints "file<TAB>loader<TAB>ran|did-not-run" per technique. Exits 3 when a needed package is missing.
"""
import os
import shlex
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_corpus  # noqa: E402

LOADERS = {
    "pickle": "import pickle, sys; pickle.load(open(sys.argv[1], 'rb'))",
    "pickle-all": "import pickle, sys\nf = open(sys.argv[1], 'rb')\nwhile True: pickle.load(f)",
    "pickle-gzip": "import gzip, pickle, sys; pickle.load(gzip.open(sys.argv[1]))",
    "torch": "import sys, torch; torch.load(sys.argv[1])",
    "numpy": "import numpy, sys; numpy.load(sys.argv[1], allow_pickle=True)",
    "numpy-npz": "import numpy, sys; numpy.load(sys.argv[1], allow_pickle=True)['a']",
    "joblib": "import joblib, sys; joblib.load(sys.argv[1])",
}


def prove(out, name, build, loader):
    path = os.path.join(out, name)
    marker = path + ".marker"
    with open(path, "wb") as f:
        f.write(build("touch " + shlex.quote(marker)))
    pid = os.fork()
    if pid == 0:  # the throwaway process: load, whatever happens, then leave without cleanup
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            sys.argv = ["loader", path]
            exec(LOADERS[loader], {"__name__": "__loader__"})
        except BaseException:
            pass
        os._exit(0)
    deadline = time.monotonic() + 120
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.01)
    return "%s\t%s\t%s" % (name, loader, "ran" if os.path.exists(marker) else "did-not-run")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    try:
        import gzip  # noqa: F401 (imported once here, before the forks)
        import pickle  # noqa: F401
        import joblib  # noqa: F401
        import numpy  # noqa: F401
        import torch  # noqa: F401
    except ImportError as e:
        print("%s needs torch, numpy and joblib for Debian's Python: %s" % (sys.argv[0], e), file=sys.stderr)
        sys.exit(3)
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    for name, (_, _, build, loader) in make_corpus.TECHNIQUES.items():
        if loader:
            print(prove(out, name, build, loader), flush=True)


if __name__ == "__main__":
    main()
