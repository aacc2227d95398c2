#!/usr/bin/env python3
"""Fault injection (issue 20): SIGKILL at random moments while SoilScope writes, then check
that what was there before is intact or the new thing is complete, never a mix.

    fault_injection.py --cli soilscope-cli --work DIR [--kills N] [--seed S]

Writers under test:
  cog      predict --out MAP.tif over an existing map: afterwards the map reads (gdal_translate)
           and its pixel values are the old map's or the new one's.
  train    train (a bundle and the run store): afterwards the run store passes
           PRAGMA integrity_check, `runs` lists it, every bundle folder is complete (bundle.json
           parses, each member has its recorded size) and the bundles made before are unchanged.
  demo     demo --out TWIN over an existing twin with another seed: afterwards the folder is the
           old twin byte for byte, or the complete new one (every file twin.json lists exists).
Kill moments are drawn uniformly over the second half of the writer's measured run time (the
first is mostly start-up), from a fixed seed.
Exits 1 listing every violation. Standard library only, plus gdal_translate (gdal-bin).
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time


def run(cli, args, check=True):
    r = subprocess.run([cli] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and r.returncode != 0:
        raise SystemExit("fault_injection: %s failed (%d): %s" % (" ".join(args), r.returncode, r.stderr))
    return r


def timed(cli, args):
    start = time.monotonic()
    run(cli, args)
    return time.monotonic() - start


def killed_at(cli, args, seconds):
    """Runs the command and SIGKILLs it after `seconds` (unless it ended): True when killed."""
    p = subprocess.Popen([cli] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        p.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
        return True


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tree_hashes(folder):
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            out[os.path.relpath(path, folder)] = sha256(path)
    return out


def band_checksums(path):
    """A fingerprint of the pixel values (every band, as GDAL reads them); None when unreadable."""
    r = subprocess.run(["gdal_translate", "-q", "-of", "XYZ", path, "/vsistdout/"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0 or not r.stdout:
        return None
    return hashlib.sha256(r.stdout).hexdigest()[:16]


class Checker:
    def __init__(self):
        self.violations = []
        self.kills = {}
        self.leftovers = 0

    def fail(self, writer, moment, text):
        self.violations.append("%s, SIGKILL at %.2f s: %s" % (writer, moment, text))


def cog(cli, twin, work, kills, rng, check):
    static = twin + "/static/static_sar_grid.tif"
    s1 = twin + "/sentinel1/s1_sigma0.nc"
    project = twin + "/projects/sar_ml_scenarios.soilscope.json"
    bundle_dir = work + "/cog_bundle_project"
    # a small model to predict with: the scenario project's generic random forest
    run(cli, ["train", "--project", project, "--generic", "--quick", "--device", "cpu", "--json"])
    bundles = twin + "/projects/runs/bundles"
    bundle = os.path.join(bundles, sorted(os.listdir(bundles), key=lambda n: int(n.split("-")[1]))[-1])
    shutil.rmtree(bundle_dir, ignore_errors=True)
    shutil.copytree(bundle, bundle_dir)
    inputs = ",".join(["vv=%s#vv" % s1, "vh=%s#vh" % s1, "incidence=%s#incidence" % s1,
                       "sand=%s#4" % static, "clay=%s#5" % static, "bulk_density=%s#6" % static,
                       "elevation=%s#1" % static, "slope=%s#2" % static, "aspect=%s#3" % static,
                       "ndvi=%s/optical/ndvi_8day.nc#ndvi" % twin])
    out = work + "/map.tif"

    def predict(date, target):
        return ["predict", "--model", bundle_dir, "--inputs", inputs, "--date", date, "--out", target]

    old_date, new_date = "2019-12-22T17:48:00Z", "2019-12-10T17:48:00Z"
    run(cli, predict(new_date, work + "/new.tif"))
    new = band_checksums(work + "/new.tif")
    duration = timed(cli, predict(old_date, out))
    old = band_checksums(out)
    if old is None or new is None or old == new:
        raise SystemExit("fault_injection: the two reference maps are unreadable or identical")
    for _ in range(kills):
        moment = rng.uniform(0.5 * duration, 1.05 * duration)
        check.kills["cog"] = check.kills.get("cog", 0) + killed_at(cli, predict(new_date, out), moment)
        now = band_checksums(out)
        if now not in (old, new):
            check.fail("cog", moment, "map.tif is neither the old map nor the new one (%s)" % (now,))
        if now == new:
            run(cli, predict(old_date, out))  # the next kill again starts from the old map


def bundle_complete(folder):
    try:
        doc = json.load(open(os.path.join(folder, "bundle.json")))
        for m in doc["members"]:
            if os.path.getsize(os.path.join(folder, m["file"])) != m["bytes"]:
                return "member %s has the wrong size" % m["file"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        return "incomplete: %s" % e
    return None


def train(cli, twin, kills, rng, check):
    project = twin + "/projects/ffnn_downscaling_60m.soilscope.json"
    args = ["train", "--project", project, "--generic", "--quick", "--device", "cpu"]
    duration = timed(cli, args)
    runs = twin + "/projects/runs"
    store = runs + "/runs.sqlite"
    for _ in range(kills):
        bundles = runs + "/bundles"
        before = {b: tree_hashes(os.path.join(bundles, b)) for b in os.listdir(bundles)}
        moment = rng.uniform(0.5 * duration, 1.05 * duration)
        check.kills["train"] = check.kills.get("train", 0) + killed_at(cli, args, moment)
        try:
            ok = sqlite3.connect(store).execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.Error as e:
            ok = str(e)
        if ok != "ok":
            check.fail("train", moment, "the run store fails its integrity check: %s" % ok)
        if run(cli, ["runs", "--project", project], check=False).returncode != 0:
            check.fail("train", moment, "`runs` cannot read the run store")
        for b in sorted(os.listdir(bundles)):
            if b in before:
                if tree_hashes(os.path.join(bundles, b)) != before[b]:
                    check.fail("train", moment, "bundle %s made before the kill changed" % b)
            elif ".tmp-" in b:
                # the writer's own temporary (renamed into place only when complete): a kill
                # leaves it behind, it is never read as a bundle
                check.leftovers += 1
            elif not b.startswith(".") and bundle_complete(os.path.join(bundles, b)):
                check.fail("train", moment, "bundle %s is %s" % (b, bundle_complete(os.path.join(bundles, b))))


def demo(cli, work, kills, rng, check):
    twin = work + "/demo_twin"
    shutil.rmtree(twin, ignore_errors=True)
    duration = timed(cli, ["demo", "--out", twin, "--preset", "tiny", "--seed", "1", "--quiet"])
    old = tree_hashes(twin)
    for k in range(kills):
        moment = rng.uniform(0.5 * duration, 1.05 * duration)
        killed = killed_at(cli, ["demo", "--out", twin, "--preset", "tiny", "--seed", str(100 + k), "--quiet"],
                           moment)
        check.kills["demo"] = check.kills.get("demo", 0) + killed
        now = tree_hashes(twin) if os.path.isdir(twin) else {}
        if now == old:
            continue
        try:
            doc = json.load(open(twin + "/twin.json"))
            missing = [f["path"] for f in doc["files"] if not os.path.isfile(os.path.join(twin, f["path"]))]
            if missing:
                check.fail("demo", moment, "a new twin lacks %s" % ", ".join(missing[:3]))
            elif doc.get("seed") != 100 + k:
                check.fail("demo", moment, "the folder mixes twins (twin.json has seed %s)" % doc.get("seed"))
        except (OSError, ValueError, KeyError) as e:
            check.fail("demo", moment, "neither the old twin nor a complete new one: %s" % e)
        old = now


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--kills", type=int, default=8, help="kills per writer")
    ap.add_argument("--seed", type=int, default=20)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    rng = random.Random(a.seed)
    twin = a.work + "/twin"
    run(a.cli, ["demo", "--out", twin, "--preset", "tiny", "--quiet"])
    check = Checker()
    cog(a.cli, twin, a.work, a.kills, rng, check)
    train(a.cli, twin, a.kills, rng, check)
    demo(a.cli, a.work, a.kills, rng, check)
    for writer in ("cog", "train", "demo"):
        print("%-6s %d runs, %d killed before they ended" % (writer, a.kills, check.kills.get(writer, 0)))
    print("temporary bundle folders left by killed writers (never read as bundles): %d"
          % check.leftovers)
    if check.violations:
        print("\n%d VIOLATIONS:" % len(check.violations))
        for v in check.violations:
            print("  " + v)
        return 1
    print("no violation: every file is the old one or a complete new one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
