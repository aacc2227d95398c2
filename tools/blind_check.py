#!/usr/bin/env python3
"""The blind check of the five workloads (issue 19): generate twin regions with seeds not used
for any choice, run every workload's full default once on each (no --quick, no --set), and list
each paper's qualitative claims as the workloads' reports state them — held or not. Nothing is
tuned afterwards: the defaults are frozen in the code that runs here.

usage: tools/blind_check.py --cli build/bin/soilscope-cli --out /tmp/blind --seeds 90101,90102
       [--preset small] [--workloads sar_ml_scenarios,...]
Writes <out>/blind_check.md (the table) and <out>/blind_check.json (every result)."""
import argparse
import json
import os
import subprocess
import sys
import time

WORKLOADS = ["cnn_ascat_intraday", "sar_ml_scenarios", "ffnn_downscaling_60m", "wcm_lstm",
             "lstm_s1_s2_weather"]
# Words that mark a finding as a claim check in the reports ("... holds", "... does not hold").
VERDICTS = ("does not hold", "holds")


def run(cmd):
    started = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr, time.time() - started


def findings(report_path):
    """The report's findings (its '## Findings' list)."""
    out, inside = [], False
    with open(report_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                inside = line.strip() == "## Findings"
                continue
            if inside and line.startswith("- "):
                out.append(line[2:].strip())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seeds", default="90101,90102")
    ap.add_argument("--preset", default="small")
    ap.add_argument("--workloads", default=",".join(WORKLOADS))
    ap.add_argument("--device", default="cpu")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    results = []
    for seed in a.seeds.split(","):
        twin = os.path.join(a.out, f"twin-{a.preset}-{seed}")
        rc, _, err, secs = run([a.cli, "demo", "--out", twin, "--preset", a.preset, "--seed",
                                seed, "--quiet"])
        if rc != 0:
            sys.exit(f"blind_check: the twin with seed {seed} failed: {err.strip()}")
        print(f"seed {seed}: twin in {secs:.0f} s", flush=True)
        for w in a.workloads.split(","):
            project = os.path.join(twin, "projects", f"{w}.soilscope.json")
            rc, out, err, secs = run([a.cli, "train", "--project", project, "--device", a.device,
                                      "--json", "--quiet"])
            entry = {"seed": seed, "workload": w, "seconds": round(secs, 1), "exit": rc}
            if rc == 0:
                doc = json.loads(out)
                entry["report"] = doc.get("report")
                entry["findings"] = findings(doc["report"]) if doc.get("report") else []
            else:
                entry["error"] = err.strip().splitlines()[-1] if err.strip() else "failed"
            results.append(entry)
            print(f"  {w}: exit {rc} in {secs:.0f} s", flush=True)
    with open(os.path.join(a.out, "blind_check.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)
    lines = [f"# Blind check: preset {a.preset}, seeds {a.seeds}", "",
             "| seed | workload | seconds | claim checks (as the report states them) |",
             "|---|---|---|---|"]
    for r in results:
        if r["exit"] != 0:
            claims = "failed: " + r.get("error", "")
        else:
            checks = [f for f in r["findings"] if any(v in f for v in VERDICTS)]
            claims = "<br>".join(checks) if checks else "(no claim check in the report)"
        lines.append(f"| {r['seed']} | {r['workload']} | {r['seconds']} | {claims} |")
    with open(os.path.join(a.out, "blind_check.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(os.path.join(a.out, "blind_check.md"))


if __name__ == "__main__":
    main()
