#!/usr/bin/python3
"""Writes hubguard's benign corpus: real files that ML tools write, every one of which must be judged SAFE.

Run with Debian's Python and its packages (apt-get install python3-torch python3-numpy python3-joblib):
    /usr/bin/python3 ejb/src/test/corpus/make_benign.py
Files go to ejb/src/test/resources/corpus/benign/ with manifest.tsv (file, expected verdict, what it is). They are
kept tiny and committed; rerun this script to regenerate them. Nothing here needs the network.
"""
import collections
import io
import json
import os
import pickle
import random
import struct
import sys

import joblib
import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "corpus", "benign")
manifest = []


def path(name):
    return os.path.join(OUT, name)


def add(name, what, verdict="safe"):
    manifest.append((name, verdict, what))


def write(name, data, what, verdict="safe"):
    with open(path(name), "wb") as f:
        f.write(data)
    add(name, what, verdict)


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 2, 2)
        self.norm = torch.nn.BatchNorm2d(2)
        self.fc = torch.nn.Linear(2, 2)


def torch_files():
    torch.manual_seed(0)
    sd = {"weight": torch.randn(2, 3), "bias": torch.zeros(3)}
    torch.save(sd, path("torch_zip_state_dict.pt"))
    add("torch_zip_state_dict.pt", "torch.save of a dict of tensors (zip format)")
    torch.save(sd, path("torch_legacy_state_dict.pt"), _use_new_zipfile_serialization=False)
    add("torch_legacy_state_dict.pt", "torch.save of a dict of tensors, legacy format (five pickles and raw storages)")
    module_sd = Tiny().state_dict()
    torch.save(module_sd, path("pytorch_model.bin"))
    add("pytorch_model.bin", "nn.Module state_dict (OrderedDict with _metadata, conv/batchnorm/linear) saved as HF names it")
    torch.save(module_sd, path("torch_legacy_module.pth"), _use_new_zipfile_serialization=False)
    add("torch_legacy_module.pth", "nn.Module state_dict, legacy format")
    mixed = {
        "f16": torch.ones(2, dtype=torch.float16), "bf16": torch.ones(2, dtype=torch.bfloat16),
        "i8": torch.arange(3, dtype=torch.int8), "i64": torch.arange(3), "flag": torch.tensor([True, False]),
        "c64": torch.ones(1, dtype=torch.complex64), "view": torch.arange(6.0)[2:4],
        "nested": [torch.ones(1), (torch.zeros(1), {"k": torch.ones(1)})],
        "epoch": 3, "lr": 0.001, "name": "tiny", "size": torch.Size([2, 3]),
    }
    torch.save(mixed, path("torch_zip_mixed.pt"))
    add("torch_zip_mixed.pt", "torch.save of many dtypes, a view, nested containers, scalars and a torch.Size")
    torch.save(torch.nn.Parameter(torch.ones(2)), path("torch_zip_parameter.pt"))
    add("torch_zip_parameter.pt", "torch.save of an nn.Parameter (_rebuild_parameter)")
    torch.save({"w": torch.ones(2)}, path("torch_legacy_small.ckpt"), _use_new_zipfile_serialization=False)
    add("torch_legacy_small.ckpt", "legacy format under a .ckpt name")
    random.seed(0)
    np.random.seed(0)
    torch.save({"python": random.getstate(), "numpy": np.random.get_state(), "cpu": torch.random.get_rng_state()},
               path("rng_state.pth"))
    add("rng_state.pth", "RNG states as transformers' Trainer saves them (random, numpy, torch)")
    model = Tiny()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    model.fc(torch.ones(1, 2)).sum().backward()
    optimizer.step()
    torch.save(optimizer.state_dict(), path("optimizer.pt"))
    add("optimizer.pt", "an Adam optimizer state_dict after one step")
    torch.save({"dtype": torch.float16, "device": torch.device("cpu"), "layout": torch.strided}, path("torch_constants.pt"))
    add("torch_constants.pt", "torch dtype, device and layout objects")


def numpy_files():
    rng = np.random.default_rng(0)
    np.save(path("numpy_float64.npy"), rng.random((2, 3)))
    add("numpy_float64.npy", "np.save of float64")
    np.save(path("numpy_int32_fortran.npy"), np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3)))
    add("numpy_int32_fortran.npy", "np.save of int32, Fortran order")
    np.save(path("numpy_bool.npy"), np.array([True, False]))
    add("numpy_bool.npy", "np.save of bool")
    np.save(path("numpy_unicode.npy"), np.array(["ab", "cde"]))
    add("numpy_unicode.npy", "np.save of <U3 strings")
    np.save(path("numpy_structured.npy"), np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8", (2,))]))
    add("numpy_structured.npy", "np.save of a structured dtype with a subarray field")
    np.save(path("numpy_scalar.npy"), np.float32(1.5))
    add("numpy_scalar.npy", "np.save of a 0-d array")
    np.save(path("numpy_object_strings.npy"), np.array(["a", 1, None], dtype=object), allow_pickle=True)
    add("numpy_object_strings.npy", "np.save of an object array of str/int/None (a pickle of numpy reconstruct calls)")
    np.savez(path("numpy_savez.npz"), a=np.arange(3), b=rng.random(2))
    add("numpy_savez.npz", "np.savez of two arrays (zip of .npy)")
    np.savez_compressed(path("numpy_savez_compressed.npz"), a=np.arange(3), b=np.ones((2, 2)))
    add("numpy_savez_compressed.npz", "np.savez_compressed (deflated zip of .npy)")


def joblib_files():
    data = {"w": np.random.default_rng(1).random((3, 2)), "ids": np.arange(4), "labels": ["x", "y"], "scale": 0.5}
    joblib.dump(data, path("joblib_arrays.joblib"))
    add("joblib_arrays.joblib", "joblib.dump of a dict of numpy arrays (arrays embedded after the pickle opcodes)")
    joblib.dump(data, path("joblib_arrays_zlib.joblib"), compress=3)
    add("joblib_arrays_zlib.joblib", "joblib.dump compress=3 (zlib)")
    joblib.dump(data, path("joblib_arrays_gzip.joblib"), compress=("gzip", 3))
    add("joblib_arrays_gzip.joblib", "joblib.dump compress=('gzip', 3)")
    joblib.dump(data, path("joblib_arrays_bz2.joblib"), compress=("bz2", 3))
    add("joblib_arrays_bz2.joblib", "joblib.dump compress=('bz2', 3)")
    joblib.dump(data, path("joblib_arrays_xz.joblib"), compress=("xz", 3))
    add("joblib_arrays_xz.joblib", "joblib.dump compress=('xz', 3)")
    joblib.dump(data, path("joblib_arrays_lzma.joblib"), compress=("lzma", 3))
    add("joblib_arrays_lzma.joblib", "joblib.dump compress=('lzma', 3)")
    joblib.dump({"obj": np.array([1, "a"], dtype=object)}, path("joblib_object_array.joblib"))
    add("joblib_object_array.joblib", "joblib.dump of an object array (a nested pickle inside the pickle)")


def safetensors_file():
    tensors = {"weight": ("F32", [2, 2], struct.pack("<4f", 1, 2, 3, 4)), "bias": ("I64", [2], struct.pack("<2q", 5, 6))}
    header, data, offset = {"__metadata__": {"format": "pt"}}, b"", 0
    for name, (dtype, shape, raw) in sorted(tensors.items()):
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    write("model.safetensors", struct.pack("<Q", len(text)) + text + data, "safetensors written by hand (the format is trivial)")


def pickle_files():
    data = {"ints": [1, 2, 3], "text": "héllo", "raw": b"\x00\x01", "pair": (1.5, None, True), "set": {1, 2},
            "frozen": frozenset([3]), "z": complex(1, 2), "empty": b"", "big": 2 ** 70}
    for protocol in range(6):
        write("builtins_p%d.pkl" % protocol, pickle.dumps(data, protocol=protocol),
              "pickle.dumps of builtin data, protocol %d" % protocol)
    write("ordered_dict_p2.pickle", pickle.dumps(collections.OrderedDict(a=1), protocol=2), "an OrderedDict, protocol 2")
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, 46, 999999, 0)
    write("pickle_holding_zip_bytes.pkl", pickle.dumps({"blob": b"x" + eocd}, protocol=4),
          "a pickle whose bytes value holds a zip end record (zipfile.is_zipfile says yes; it is no zip)")
    import gzip
    write("data.pkl.gz", gzip.compress(pickle.dumps([1, 2, 3], protocol=4), mtime=0), "a gzipped pickle")


def other_files():
    write("README.md", b"# tiny\n\nA test model.\n", "a model card")
    write("config.json", json.dumps({"hidden_size": 2, "architectures": ["Tiny"]}).encode(), "a config")
    write("modeling_tiny.py", b"import torch\nfrom torch import nn\n\nclass Tiny(nn.Module):\n    pass\n",
          "Python source: read as opcodes it is INST of 'mport torch', a name no module has")
    write("notes.txt", b"cat food\nbowl\n", "text that starts with the GLOBAL opcode but names no module that can exist")
    write("tokenizer.model", random.Random(7).randbytes(2048), "2 KiB of random bytes (a stand-in for binary vocab files)")
    write("empty.bin", b"", "an empty file")


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(path(name))
    torch_files()
    numpy_files()
    joblib_files()
    safetensors_file()
    pickle_files()
    other_files()
    with open(path("manifest.tsv"), "w") as f:
        f.write("# file\texpected verdict\twhat it is (generated by ejb/src/test/corpus/make_benign.py)\n")
        for row in sorted(manifest):
            f.write("\t".join(row) + "\n")
    print("wrote %d files to %s" % (len(manifest), OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
