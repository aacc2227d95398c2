#!/usr/bin/env python3
"""Runs the bad-input corpus of issue 20 (reliability) and checks every case.

    run_corpus.py --cli soilscope-cli --corpus DIR [--shared DATA --generate] [--only SUBSTR] [--jobs N]

Per case: the exit code is 0, 1 or 2 (never a signal, never a timeout); an expected error has a
message on stderr naming the file or option (the case's `contains`); an expected result passes
its checks on the --json document; every input (recursively for folders) has the same SHA-256
before and after; the peak RSS stays below --max-rss-mib. Prints counts per family and per
outcome class and exits 1 when any case fails, listing the failures with their stderr. Cases
marked "known" in cases.json (engine bugs being fixed) still fail, and are listed apart.
"""
import argparse
import hashlib
import json
import math
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = ["clean refusal", "correct result", "crash", "hang", "data loss", "unclear message",
           "runaway allocation", "silently wrong", "unexpected refusal", "skipped"]
PASSING = ("clean refusal", "correct result", "skipped")


# ------------------------------------------------------------------------------------ hashing
def fingerprint(path):
    """SHA-256 of a file, or of a folder tree (names, types, link targets, contents); FIFOs and
    devices are never opened."""
    h = hashlib.sha256()

    def one(p, rel):
        try:
            st = os.lstat(p)
        except OSError:
            h.update(b"absent:" + rel)
            return
        mode = st.st_mode
        if stat.S_ISLNK(mode):
            h.update(b"link:" + rel + b"->" + os.readlink(os.fsencode(p)))
        elif stat.S_ISDIR(mode):
            h.update(b"dir:" + rel)
            for e in sorted(os.listdir(os.fsencode(p))):
                one(os.path.join(os.fsencode(p), e), rel + b"/" + e)
        elif stat.S_ISREG(mode):
            h.update(b"file:" + rel + b":")
            with open(p, "rb") as f:
                while True:
                    b = f.read(1 << 20)
                    if not b:
                        break
                    h.update(b)
        else:
            h.update(b"special:%o:" % stat.S_IFMT(mode) + rel)

    one(os.fsencode(path), b"")
    return h.hexdigest()


# ------------------------------------------------------------------------------------- checks
def select(doc, path):
    """Values at a dotted path; '*' takes every element of a list."""
    cur = [doc]
    for part in path.split("."):
        nxt = []
        for c in cur:
            if part == "*":
                if isinstance(c, list):
                    nxt.extend(c)
                else:
                    raise KeyError(path)
            elif isinstance(c, list):
                i = int(part)
                if i >= len(c):
                    raise KeyError(path)
                nxt.append(c[i])
            elif isinstance(c, dict):
                if part not in c:
                    raise KeyError(path)
                nxt.append(c[part])
            else:
                raise KeyError(path)
        cur = nxt
    return cur


def isfinite(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def approx(a, b, rel=1e-6, abs_=1e-9):
    if a is None or b is None:
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))
    return a == b


def run_check(doc, c, refs):
    """None when the check passes, else what is wrong."""
    if "same_as" in c:
        ref = refs.get(c["same_as"])
        if ref is None:
            return "reference case %s has no result" % c["same_as"]
        for p in c["paths"]:
            try:
                a, b = select(doc, p), select(ref, p)
            except KeyError:
                return "%s missing" % p
            if len(a) != len(b) or not all(approx(x, y, rel=1e-6) for x, y in zip(a, b)):
                return "%s = %s, but %s gives %s" % (p, a[:6], c["same_as"], b[:6])
        return None
    p, op, v = c["path"], c["op"], c.get("value")
    try:
        vals = select(doc, p)
    except KeyError:
        return "%s missing from the JSON result" % p
    for x in vals:
        ok = True
        if op == "==":
            ok = approx(x, v)
        elif op == "approx":
            ok = isfinite(x) and abs(x - v) <= 1e-4 * max(1.0, abs(v))
        elif op in ("<", "<=", ">", ">=", "<=_or_null"):
            if op == "<=_or_null" and x is None:
                continue
            ok = isfinite(x) and {"<": x < v, "<=": x <= v, ">": x > v, ">=": x >= v, "<=_or_null": x <= v}[op]
        elif op == "finite":
            ok = isfinite(x)
        elif op == "finite_or_null":
            ok = x is None or isfinite(x)
        elif op in ("len==", "len>="):
            ok = isinstance(x, (list, dict)) and (len(x) == v if op == "len==" else len(x) >= v)
            x = len(x) if isinstance(x, (list, dict)) else x
        else:
            return "unknown check op %s" % op
        if not ok:
            return "%s %s %s fails (value %r)" % (p, op, v if v is not None else "", x)
    return None


# ----------------------------------------------------------------------------------- running
def subst(s, C, D, OUT, CLI):
    return s.replace("{C}", C).replace("{DATA}", D).replace("{OUT}", OUT).replace("{CLI}", CLI)


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class Job:
    pass


NOBODY_CAN_RUN = {}


def _as_nobody():
    os.setgid(65534)
    os.setuid(65534)


def nobody_can_run(cli):
    try:
        return subprocess.run([cli, "help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/",
                              preexec_fn=_as_nobody, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def start(case, args):
    j = Job()
    j.case = case
    C, D, CLI = args.corpus, args.shared, args.cli
    j.out = os.path.join(C, "_runs", re.sub(r"[^A-Za-z0-9_.=-]", "_", case["id"])[:150])
    if os.path.exists(j.out):
        shutil.rmtree(j.out)
    os.makedirs(j.out)
    home = os.path.join(j.out, ".home")
    os.makedirs(home)
    j.argv = [CLI] + [subst(a, C, D, j.out, CLI) for a in case["argv"]]
    j.inputs = [subst(p, C, D, j.out, CLI) for p in case.get("inputs", [])]
    j.before = {p: fingerprint(p) for p in j.inputs}
    env = dict(os.environ)
    env.update({"HOME": home, "XDG_CONFIG_HOME": home + "/.config", "XDG_CACHE_HOME": home + "/.cache",
                "XDG_DATA_HOME": home + "/.local/share", "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8"})
    j.errf = open(os.path.join(j.out, ".stderr"), "w+b")
    closed_w = None
    if case.get("stdout") == "closed_pipe":
        r, w = os.pipe()
        os.close(r)
        stdout = closed_w = w
    elif case.get("stdout") == "/dev/full":
        stdout = open("/dev/full", "wb")
    else:
        stdout = open(os.path.join(j.out, ".stdout"), "w+b")
    j.stdout = stdout
    preexec = None
    j.skip = None
    if case.get("as_nobody") and os.geteuid() == 0 and not NOBODY_CAN_RUN.setdefault(CLI, nobody_can_run(CLI)):
        j.skip = "cannot run the CLI as nobody (uid 65534): a root run would bypass the permissions"
    if case.get("as_nobody") and os.geteuid() == 0 and not j.skip:
        for root, dirs, files in os.walk(j.out):
            os.chmod(root, 0o777)

        def preexec():
            os.setgid(65534)
            os.setuid(65534)
    j.t0 = time.monotonic()
    for attempt in range(60):  # the CLI may be being relinked by a build right now
        try:
            j.proc = subprocess.Popen(j.argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=j.errf, env=env,
                                      cwd=j.out, start_new_session=True, preexec_fn=preexec)
            break
        except OSError:
            if attempt == 59:
                raise
            time.sleep(1.0)
            j.t0 = time.monotonic()
    if closed_w is not None:
        os.close(closed_w)
    j.timeout = case.get("timeout") or args.timeout
    j.sig = case.get("signal")
    j.sig_sent = False
    j.peak = 0
    j.killed = None
    j.status = None
    return j


def poll(j, args):
    """True when the job has finished (its status and rusage collected)."""
    pid = j.proc.pid
    try:
        wpid, status, ru = os.wait4(pid, os.WNOHANG)
    except ChildProcessError:
        wpid, status, ru = pid, 0, None
    if wpid == pid:
        j.elapsed = time.monotonic() - j.t0
        j.status = status
        j.peak = max(j.peak, ru.ru_maxrss if ru else 0)  # KiB on Linux
        j.proc.returncode = 0  # reaped here; keep Popen from waiting again
        return True
    now = time.monotonic() - j.t0
    j.peak = max(j.peak, rss_kib(pid))
    if j.peak > args.kill_rss_mib * 1024 and not j.killed:
        j.killed = "rss"
        os.killpg(pid, signal.SIGKILL)
    elif now > j.timeout and not j.killed:
        j.killed = "timeout"
        os.killpg(pid, signal.SIGKILL)
    elif j.sig and not j.sig_sent and now > j.sig["after"]:
        j.sig_sent = True
        try:
            os.kill(pid, getattr(signal, j.sig["name"]))
        except ProcessLookupError:
            pass
    return False


def finish(j, args, refs):
    case = j.case
    try:
        os.killpg(j.proc.pid, signal.SIGKILL)  # leftovers of the session
    except (ProcessLookupError, PermissionError):
        pass
    j.errf.seek(0)
    err = j.errf.read().decode("utf-8", "replace")
    j.errf.close()
    out = ""
    if hasattr(j.stdout, "seek"):
        try:
            j.stdout.seek(0)
            out = j.stdout.read().decode("utf-8", "replace")
        except OSError:
            pass
    if hasattr(j.stdout, "close"):
        try:
            j.stdout.close()
        except OSError:
            pass
    st = j.status
    sig = os.WTERMSIG(st) if os.WIFSIGNALED(st) else None
    rc = os.WEXITSTATUS(st) if os.WIFEXITED(st) else -(sig or 0)
    after = {p: fingerprint(p) for p in j.inputs}
    changed = [p for p in j.inputs if after[p] != j.before[p]]
    absent_bad = [subst(p, args.corpus, args.shared, j.out, args.cli) for p in case.get("absent", [])]
    absent_bad = [p for p in absent_bad if os.path.lexists(p)]
    expect = case["expect"]
    cls, why = None, ""
    peak_mib = j.peak / 1024.0
    doc = None
    if j.skip:
        cls, why = "skipped", j.skip
    elif j.killed == "timeout":
        cls, why = "hang", "killed after %.0f s" % j.timeout
    elif j.killed == "rss" or peak_mib > args.max_rss_mib:
        cls, why = "runaway allocation", "peak RSS %.0f MiB" % peak_mib
    elif changed:
        cls, why = "data loss", "input changed: " + ", ".join(changed)
    elif absent_bad:
        cls, why = "data loss", "left behind: " + ", ".join(absent_bad)
    elif expect == "interrupted":
        allowed_sigs = {signal.SIGPIPE} if case.get("stdout") == "closed_pipe" else set()
        if sig is not None and sig not in allowed_sigs:
            cls, why = "crash", "killed by signal %d (%s)" % (sig, signal.Signals(sig).name)
        elif rc not in (0, 1, 2, 130, 143, 129) and sig is None:
            cls, why = "crash", "exit code %d" % rc
        else:
            partial = [subst(p, args.corpus, args.shared, j.out, args.cli) for p in case.get("absent_if_failed", [])]
            partial = [p for p in partial if os.path.lexists(p)]
            if rc != 0 and partial:
                cls, why = "data loss", "interrupted run left what looks complete: " + ", ".join(partial)
            else:
                cls = "clean refusal" if rc != 0 else "correct result"
    elif sig is not None:
        cls, why = "crash", "killed by signal %d (%s)" % (sig, signal.Signals(sig).name)
    elif rc not in (0, 1, 2):
        cls, why = "crash", "exit code %d" % rc
    elif rc == 0:
        if expect == "error":
            cls, why = "silently wrong", "accepted (exit 0) where a refusal was expected"
        else:
            checks = case.get("checks") or []
            if checks and not case.get("stdout"):
                try:
                    doc = json.loads(out)
                except ValueError:
                    doc = None
                if doc is None:
                    cls, why = "silently wrong", "no JSON document on stdout"
                else:
                    for c in checks:
                        bad = run_check(doc, c, refs)
                        if bad:
                            cls, why = "silently wrong", bad
                            break
            if cls is None and rc == 0 and case.get("warns"):
                lacking = [w for w in case["warns"] if w.lower() not in err.lower()]
                if lacking:
                    cls, why = "silently wrong", "no warning naming " + ", ".join(lacking)
            if cls is None:
                cls = "correct result"
                if not case.get("stdout"):
                    try:
                        doc = json.loads(out)
                    except ValueError:
                        doc = None
    else:  # exit 1 or 2
        if expect == "ok":
            cls, why = "unexpected refusal", "exit %d where a result was expected" % rc
        else:
            low = err.lower()
            missing = []
            for want in case.get("contains", []):
                alts = want if isinstance(want, list) else [want]
                if not any(a.lower() in low for a in alts):
                    missing.append(" | ".join(alts))
            if not err.strip():
                cls, why = "unclear message", "exit %d with nothing on stderr" % rc
            elif missing:
                cls, why = "unclear message", "message lacks: " + "; ".join(missing)
            else:
                cls = "clean refusal"
    if cls == "clean refusal" and expect != "interrupted" and rc in (1, 2):
        partial = [subst(p, args.corpus, args.shared, j.out, args.cli) for p in case.get("absent_if_failed", [])]
        partial = [p for p in partial if os.path.lexists(p)]
        if partial:
            cls, why = "data loss", "the refused run left a partial output: " + ", ".join(partial)
    return {"id": case["id"], "family": case["family"], "class": cls, "why": why, "rc": rc,
            "seconds": round(j.elapsed, 2), "peak_mib": round(peak_mib, 1), "stderr": err, "argv": j.argv,
            "known": case.get("known"), "doc": doc}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--corpus", required=True, help="corpus folder (with cases.json)")
    ap.add_argument("--shared", default=os.environ.get("SOILSCOPE_SHARED_DATA", ""), help="shared data folder")
    ap.add_argument("--generate", action="store_true", help="(re)generate the corpus first")
    ap.add_argument("--only", action="append", help="run the cases whose id contains this (repeatable)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20.0,
                    help="seconds a case may take (cases may say more); every intact case takes < 3 s")
    ap.add_argument("--max-rss-mib", type=float, default=2048.0)
    ap.add_argument("--kill-rss-mib", type=float, default=3072.0, help="a case is killed above this RSS")
    ap.add_argument("--report", help="write the results as JSON here")
    ap.add_argument("--keep-runs", action="store_true", help="keep the per-case output folders")
    args = ap.parse_args()
    args.cli = os.path.abspath(args.cli)
    args.corpus = os.path.abspath(args.corpus)
    if not os.access(args.cli, os.X_OK):
        raise SystemExit("run_corpus: %s is not an executable" % args.cli)
    if args.generate:
        if not os.path.isdir(os.path.join(args.shared, "ismn")):
            print("run_corpus: shared data not found at '%s': the reliability corpus is skipped" % args.shared)
            return 0
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), args.corpus, args.shared,
                        "--cli", args.cli], check=True)
    args.shared = os.path.abspath(args.shared)
    with open(os.path.join(args.corpus, "cases.json")) as f:
        corpus = json.load(f)
    cases = corpus["cases"]
    if args.only:
        wanted = [c for c in cases if any(o in c["id"] for o in args.only)]
        need = {ch["same_as"] for c in wanted for ch in c.get("checks") or [] if "same_as" in ch}
        cases = [c for c in cases if c in wanted or c["id"] in need]
    # reference cases (named by same_as) first
    refs_needed = {ch["same_as"] for c in cases for ch in c.get("checks") or [] if "same_as" in ch}
    # slow ones early so that they overlap the many quick ones
    order = sorted(cases, key=lambda c: (c["id"] not in refs_needed, -(c.get("timeout") or 0)))
    phase1 = [c for c in order if c["id"] in refs_needed]
    phase2 = [c for c in order if c["id"] not in refs_needed]
    refs, results = {}, []
    t_start = time.monotonic()
    for phase in (phase1, phase2):
        pending = list(phase)
        running = []
        while pending or running:
            while pending and len(running) < max(1, args.jobs):
                running.append(start(pending.pop(0), args))
            time.sleep(0.02)
            still = []
            for j in running:
                if poll(j, args):
                    r = finish(j, args, refs)
                    if r["doc"] is not None:
                        refs[r["id"]] = r["doc"]
                    r.pop("doc")
                    results.append(r)
                    if not args.keep_runs:
                        for root, dirs, files in os.walk(j.out):
                            os.chmod(root, 0o755)
                        shutil.rmtree(j.out, ignore_errors=True)
                    mark = "ok  " if r["class"] in PASSING else "FAIL"
                    print("%s %-55s %-18s rc=%-4s %5.1fs %6.0f MiB %s" % (mark, r["id"][:55], r["class"], r["rc"],
                          r["seconds"], r["peak_mib"], r["why"][:80]), flush=True)
                else:
                    still.append(j)
            running = still
    wall = time.monotonic() - t_start
    # tables
    fams = sorted({r["family"] for r in results})
    used = [c for c in CLASSES if any(r["class"] == c for r in results)]
    print("\nreliability corpus: %d inputs, %d cases, %.0f s with %d jobs" % (corpus.get("inputs", 0), len(results),
                                                                             wall, args.jobs))
    w = max(len(c) for c in used) if used else 10
    print("%-12s" % "family" + "".join(" %*s" % (max(6, len(c)), c) for c in used) + "  total")
    for fam in fams:
        row = [r for r in results if r["family"] == fam]
        print("%-12s" % fam + "".join(" %*d" % (max(6, len(c)), sum(1 for r in row if r["class"] == c))
                                       for c in used) + "  %5d" % len(row))
    print("%-12s" % "all" + "".join(" %*d" % (max(6, len(c)), sum(1 for r in results if r["class"] == c))
                                    for c in used) + "  %5d" % len(results))
    failures = [r for r in results if r["class"] not in PASSING]
    slow = sorted(results, key=lambda r: -r["seconds"])[:5]
    print("slowest: " + ", ".join("%s %.1fs" % (r["id"], r["seconds"]) for r in slow))
    print("largest: " + ", ".join("%s %.0f MiB" % (r["id"], r["peak_mib"])
                                  for r in sorted(results, key=lambda r: -r["peak_mib"])[:3]))
    if args.report:
        with open(args.report, "w") as f:
            json.dump(results, f, indent=1)

    def show(r):
        print("\n--- %s [%s] %s" % (r["id"], r["class"], r["why"]))
        if r["known"]:
            print("    known: %s" % r["known"])
        print("    $ " + " ".join(_quote(a) for a in r["argv"]))
        print("    exit %s; stderr:" % r["rc"])
        err = r["stderr"].strip()
        if len(err) > 1500:
            err = err[:1500] + " [...]"
        for line in err.splitlines() or ["(empty)"]:
            print("      " + line)

    unknown = [r for r in failures if not r["known"]]
    known = [r for r in failures if r["known"]]
    if unknown:
        print("\n%d FAILING CASES:" % len(unknown))
        for r in unknown:
            show(r)
    if known:
        print("\n%d failing cases marked known (engine bugs being fixed):" % len(known))
        for r in known:
            show(r)
    print("\n%d of %d cases pass" % (len(results) - len(failures), len(results)))
    return 1 if failures else 0


def _quote(a):
    if a == "" or re.search(r"[^A-Za-z0-9_./=:,+@%-]", a):
        return "'" + a.replace("'", "'\\''")[:300] + ("...'" if len(a) > 300 else "'")
    return a


if __name__ == "__main__":
    sys.exit(main())
