#!/usr/bin/python3
"""Helpers of bench/hub-at-scale.sh (Python 3 standard library only).

  scale.py history COMMITS FILES SEED [START]   git fast-import stream: COMMITS commits on top of refs/heads/main,
                                                commit i writes file (START + i) % FILES with new content
  scale.py tree FILES SEED LAYOUT               fast-import stream: one commit adding FILES files on top of main;
                                                LAYOUT 'data' puts them under data/ (data/dNNN/ in dirs of 100
                                                when FILES > 100), 'flat' at the top
  scale.py create-repos URL TOKEN ORG COUNT THREADS
                                                POST /api/repos/create repo-0000 ... in organization ORG over
                                                THREADS keep-alive connections; prints seconds
  scale.py rate URL CONNS SECONDS               GETs URL over CONNS keep-alive connections for SECONDS;
                                                prints requests/s (every answer must be 200)
  scale.py ndjson SIZE PATH SEED                an NDJSON commit body with one file of SIZE random bytes
  scale.py histodiff BEFORE AFTER [TOP]         the classes whose live bytes grew most between two
                                                `jcmd PID GC.class_histogram` outputs
  scale.py stacks FILE.jfr...                   where the server's threads were in JFR recordings of one measurement
                                                (execution and native-method samples; `jfr` must be on PATH)
"""
import base64
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse

WORDS = ("tensor weight layer model token vocab embedding attention head config bias norm scale dropout "
         "batch epoch step learning rate optimizer checkpoint shard dataset split train test valid").split()


def text(rng, size):
    out, n = [], 0
    while n < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))) + " %d\n" % rng.getrandbits(32)
        out.append(line)
        n += len(line)
    return "".join(out)[:size].encode()


def blob(out, data):
    out.write(b"data %d\n" % len(data))
    out.write(data)
    out.write(b"\n")


def commit_header(out, when, message, first):
    out.write(b"commit refs/heads/main\n")
    out.write(b"author Bench <bench@example.test> %d +0000\n" % when)
    out.write(b"committer Bench <bench@example.test> %d +0000\n" % when)
    msg = message.encode()
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    if first:
        out.write(b"from refs/heads/main^0\n")


def history_path(i):
    return "src/part%02d/file%05d.txt" % (i % 20, i)


def history(commits, files, seed, start=0):
    out = sys.stdout.buffer
    rng = random.Random(seed)
    when = 1_700_000_000 + start * 60
    for c in range(commits):
        i = start + c
        commit_header(out, when + c * 60, "Change %d" % i, c == 0)
        path = history_path(i % files)
        out.write(b"M 100644 inline %s\n" % path.encode())
        blob(out, text(rng, rng.randint(500, 6000)))
        out.write(b"\n")


def tree(files, seed, layout):
    out = sys.stdout.buffer
    rng = random.Random(seed)
    commit_header(out, 1_700_000_000, "%d files" % files, True)
    for i in range(files):
        if layout == "flat":
            path = "file%05d.txt" % i
        elif files > 100:
            path = "data/d%03d/file%05d.txt" % (i // 100, i)
        else:
            path = "data/file%05d.txt" % i
        out.write(b"M 100644 inline %s\n" % path.encode())
        blob(out, text(rng, rng.randint(500, 6000)))
    out.write(b"\n")


def connect(url):
    u = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=300), u


def create_repos(url, token, org, count, threads):
    names = ["repo-%04d" % i for i in range(count)]
    lock = threading.Lock()
    failures = []

    def work():
        conn, u = connect(url)
        while True:
            with lock:
                if not names:
                    return
                name = names.pop()
            body = json.dumps({"name": name, "organization": org})
            conn.request("POST", u.path.rstrip("/") + "/api/repos/create", body=body,
                         headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            answer = conn.getresponse()
            answer.read()
            if answer.status not in (200, 201):
                failures.append("%s: %d" % (name, answer.status))

    start = time.monotonic()
    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    if failures:
        sys.exit("create-repos: %d failed, e.g. %s" % (len(failures), failures[0]))
    print("%.1f" % (time.monotonic() - start))


def rate(url, conns, seconds):
    counts = [0] * conns
    errors = []
    deadline = time.monotonic() + seconds

    def work(k):
        conn, u = connect(url)
        target = u.path + ("?" + u.query if u.query else "")
        while time.monotonic() < deadline:
            conn.request("GET", target)
            answer = conn.getresponse()
            answer.read()
            if answer.status != 200:
                errors.append(answer.status)
                return
            counts[k] += 1

    start = time.monotonic()
    pool = [threading.Thread(target=work, args=(k,)) for k in range(conns)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - start
    if errors:
        sys.exit("rate: an answer was %d" % errors[0])
    # requests that finished, over the time until the last one finished (a slow last request counts in full)
    print("%.2f" % (sum(counts) / elapsed))


def ndjson(size, path, seed):
    rng = random.Random(seed)
    out = sys.stdout.buffer
    out.write(json.dumps({"key": "header", "value": {"summary": "%d bytes" % size}}).encode() + b"\n")
    data = rng.getrandbits(size * 8).to_bytes(size, "little")
    out.write(b'{"key":"file","value":{"path":"%s","encoding":"base64","content":"' % path.encode())
    out.write(base64.b64encode(data))
    out.write(b'"}}\n')


def jfr_samples(path):
    """(kind, thread, frames innermost first) of the execution and native-method samples of a JFR recording."""
    import subprocess
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample", "--stack-depth", "64", path],
                          capture_output=True, text=True, check=True).stdout
    kind, thread, frames, in_stack = None, "", [], False
    for line in text.splitlines():
        t = line.strip()
        if t.startswith("jdk.ExecutionSample") or t.startswith("jdk.NativeMethodSample"):
            kind, thread, frames, in_stack = t.split()[0], "", [], False
        elif t.startswith("sampledThread =") or t.startswith("sampledThread="):
            thread = t.split("=", 1)[1].strip().split('"')[1] if '"' in t else t
        elif t.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and t == "]":
            in_stack = False
            yield kind, thread, frames
        elif in_stack and t and t != "...":
            frames.append(t.split(" line:")[0])


def short(frame):
    name = frame.split("(")[0]
    parts = name.rsplit(".", 2)
    return ".".join(parts[-2:]) if len(parts) >= 2 else name


def stacks(paths, top=12):
    """Where the server's threads were during one measurement (JFR recordings of it, settings=profile): samples of
    threads running Java code, and of threads in native code (socket and file I/O) that are in hubguard code."""
    total, running, native, inclusive, inner_hub, inner_any = 0, 0, 0, {}, {}, {}
    for path in paths:
        for kind, thread, frames in jfr_samples(path):
            hub = [f for f in frames if f.startswith("org.hubguard.")]
            if kind == "jdk.NativeMethodSample" and not hub:
                continue  # an idle thread waiting in native code (epoll, accept)
            total += 1
            if kind == "jdk.ExecutionSample":
                running += 1
            else:
                native += 1
            if hub:
                inner_hub[short(hub[0])] = inner_hub.get(short(hub[0]), 0) + 1
            for m in {short(f) for f in hub if "$Proxy$" not in f and "$$$view" not in f and "Lambda$" not in f}:
                inclusive[m] = inclusive.get(m, 0) + 1
            key = short(frames[0]) + ("  [native]" if kind == "jdk.NativeMethodSample" else "") if frames else "?"
            inner_any[key] = inner_any.get(key, 0) + 1
    name = paths[0].rsplit("/", 1)[-1].rsplit("-", 1)[0]
    print("%s: %d samples (%d running Java, %d in native I/O under hubguard code), %d recordings"
          % (name, total, running, native, len(paths)))
    for title, table in (("hubguard methods on the stack (inclusive)", inclusive), ("innermost hubguard frame", inner_hub),
                         ("innermost frame", inner_any)):
        print("  by %s:" % title)
        for key, n in sorted(table.items(), key=lambda kv: -kv[1])[:top]:
            print("  %5.1f%%  %s" % (100.0 * n / max(total, 1), key))


def histogram(path):
    table = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 4 and parts[0].endswith(":") and parts[1].isdigit() and parts[2].isdigit():
                table[" ".join(parts[3:])] = int(parts[2])
    return table


def histodiff(before, after, top=6):
    a, b = histogram(before), histogram(after)
    growth = sorted(((b.get(k, 0) - a.get(k, 0), k) for k in set(a) | set(b)), reverse=True)[:top]
    print(", ".join("%+.1f MiB %s" % (g / 1048576, k.split(" (")[0]) for g, k in growth if g > 0))


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "history":
        history(int(argv[2]), int(argv[3]), int(argv[4]), int(argv[5]) if len(argv) > 5 else 0)
    elif cmd == "tree":
        tree(int(argv[2]), int(argv[3]), argv[4])
    elif cmd == "create-repos":
        create_repos(argv[2], argv[3], argv[4], int(argv[5]), int(argv[6]))
    elif cmd == "rate":
        rate(argv[2], int(argv[3]), float(argv[4]))
    elif cmd == "histodiff":
        histodiff(argv[2], argv[3], int(argv[4]) if len(argv) > 4 else 6)
    elif cmd == "stacks":
        stacks(argv[2:])
    elif cmd == "ndjson":
        ndjson(int(argv[2]), argv[3], int(argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
