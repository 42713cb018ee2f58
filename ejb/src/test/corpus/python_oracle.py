#!/usr/bin/python3
"""CPython as the reference for hubguard's reimplementations (PythonSemanticsTest). Never runs a pickle's code.

    python_oracle.py decode          stdin: "<kind> <hex>" lines; kind escape (codecs.escape_decode, the STRING
                                     opcode), rawunicode (the UNICODE opcode), utf8 / utf8sp (strict / surrogatepass);
                                     stdout: "<hex of the result>" (text as UTF-16-BE) or "ERR", one line each
    python_oracle.py imports FILE... stdout: one JSON line per file with every import CPython's unpicklers (C and pure
                                     Python) make while loading every pickle of the file in a row, with find_class
                                     replaced by a recorder that returns an inert stand-in
"""
import _compat_pickle
import codecs
import io
import json
import pickle
import sys


def decode():
    for line in sys.stdin:
        kind, _, data = line.strip().partition(" ")
        raw = bytes.fromhex(data)
        try:
            if kind == "escape":
                out = codecs.escape_decode(raw)[0]
            elif kind == "rawunicode":
                out = str(raw, "raw-unicode-escape").encode("utf-16-be", "surrogatepass")
            elif kind == "utf8":
                out = raw.decode("utf-8", "strict").encode("utf-16-be", "surrogatepass")
            elif kind == "utf8sp":
                out = raw.decode("utf-8", "surrogatepass").encode("utf-16-be", "surrogatepass")
            else:
                raise SystemExit("unknown kind " + kind)
            print(out.hex())
        except (ValueError, UnicodeDecodeError):
            print("ERR")


class Inert:
    """What every import turns into: accepts any call or state, runs nothing."""

    def __new__(cls, *args, **kwargs):
        return object.__new__(cls)

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return Inert()

    def __setstate__(self, state):
        pass


def recorder(base, seen):
    class Recorder(base):
        def find_class(self, module, name):
            if self.proto < 3 and self.fix_imports:
                if (module, name) in _compat_pickle.NAME_MAPPING:
                    module, name = _compat_pickle.NAME_MAPPING[(module, name)]
                elif module in _compat_pickle.IMPORT_MAPPING:
                    module = _compat_pickle.IMPORT_MAPPING[module]
            seen.add((module, name))
            return Inert

        def persistent_load(self, pid):
            return Inert()
    return Recorder


def imports(paths):
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        seen = set()
        for base in (pickle.Unpickler, pickle._Unpickler):
            stream = io.BytesIO(data)
            while stream.tell() < len(data):
                try:
                    recorder(base, seen)(stream).load()
                except Exception:
                    break
        print(json.dumps({"file": path, "imports": sorted(seen)}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["decode"]:
        decode()
    elif sys.argv[1:2] == ["imports"]:
        imports(sys.argv[2:])
    else:
        raise SystemExit(__doc__)
