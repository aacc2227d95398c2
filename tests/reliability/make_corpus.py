#!/usr/bin/env python3
"""Generates the bad-input corpus of issue 20 (reliability).

    make_corpus.py OUT_DIR SHARED_DATA_DIR [--cli PATH]

Writes >= 300 broken (and a few intact) inputs below OUT_DIR — ISMN files and folders, zip
archives, CSV series tables, rasters and VRTs, project files, model bundles, output paths — and
OUT_DIR/cases.json, the cases run_corpus.py runs and checks. Standard library only; every random
choice comes from a fixed seed, so the same shared data give the same corpus. With --cli the
generator also makes the tiny twin region (soilscope-cli demo --preset tiny) and trains one tiny
model on it, whose projects and bundle are then mutated; without it those families are left out.

Placeholders in a case's argv: {C} = OUT_DIR, {DATA} = SHARED_DATA_DIR, {OUT} = an empty folder
of the case's own (created by the runner). Each case:
  id, family, argv (task first), inputs (paths hashed before and after; filled from argv),
  expect: "error" | "ok" | "either" | "interrupted",
  contains: for errors, substrings the message must hold (a list item that is itself a list
            means any one of these), case-insensitive,
  checks: for results, conditions on the --json document of stdout ({"path", "op", "value"}),
  warns: for results, substrings stderr must hold (a bad part skipped must be reported),
  optional: timeout, signal {"name", "after"}, stdout ("closed_pipe" | "/dev/full"),
            as_nobody (run as uid 65534 when root), absent (paths that must never exist after),
            absent_if_failed (partial outputs a refused or interrupted run must not leave),
            known (a short reason: the case shows an engine bug, still counted as a failure).
"either" accepts a clean error (checked like "error") or a result (checked like "ok");
"interrupted" accepts exit 0, 1, 2, 129, 130 or 143 after the signal, never death by it.
"""
import argparse
import json
import os
import random
import re
import shutil
import stat
import struct
import subprocess
import sys
import zipfile
import zlib

CASES = []
SEEN_IDS = set()

# Cases that showed an engine bug when the corpus was written (soilscope-cli of 2026-12-06): they
# still count as failures; the runner lists them apart. Remove an entry once the bug is fixed.
KNOWN = {
}


def case(cid, family, argv, expect, contains=None, checks=None, **kw):
    assert cid not in SEEN_IDS, cid
    SEEN_IDS.add(cid)
    inputs = []
    for tok in argv:
        for m in re.finditer(r"\{(?:C|DATA)\}/[^,#=\s]+", tok):
            p = m.group(0)
            if p not in inputs:
                inputs.append(p)
    for p in kw.pop("extra_inputs", []):
        if p not in inputs:
            inputs.append(p)
    c = {"id": cid, "family": family, "argv": argv, "expect": expect, "inputs": inputs}
    if contains:
        c["contains"] = contains
    if checks:
        c["checks"] = checks
    c.update(kw)
    CASES.append(c)
    return c


def chk(path, op, value=None):
    d = {"path": path, "op": op}
    if value is not None:
        d["value"] = value
    return d


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def flip_bytes(data, rng, count, start=0):
    b = bytearray(data)
    for _ in range(count):
        i = rng.randrange(start, len(b))
        b[i] = rng.randrange(256)
    return bytes(b)


# ----------------------------------------------------------------------------------- ISMN files
def ismn_files(C, D):
    rng = random.Random(2001)
    bases = {
        "hv": D + "/ismn/format_header_values/SMOSMANIA/"
        "SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-ML2X_20070101_20070131.stm",
        "cs": D + "/ismn/format_ceop_sep/SMOSMANIA/"
        "SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-ML2X_20070101_20070131.stm",
        "ceop": D + "/ismn/format_ceop/SMOSMANIA_SMOSMANIA_NBN_20100304_20130801.stm",
    }
    n_inputs = 0
    for tag, src in bases.items():
        data = read(src)
        # the files use bare CR line ends
        lines = data.split(b"\r")
        if lines and lines[-1] == b"":
            lines = lines[:-1]
        d = C + "/ismn_files/" + tag
        os.makedirs(d, exist_ok=True)
        nl = b"\r"

        def put(name, content):
            write(os.path.join(d, name), content)
            return "{C}/ismn_files/%s/%s" % (tag, name)

        variants = {}
        variants["pristine"] = data
        variants["empty"] = b""
        variants["one_byte"] = b"S"
        variants["trunc_header"] = data[:30]
        variants["header_only"] = lines[0] + nl
        variants["trunc_mid"] = data[: len(data) // 2]
        variants["trunc_line_end"] = nl.join(lines[: len(lines) // 2]) + nl
        variants["binary"] = bytes(rng.randrange(256) for _ in range(4096))
        variants["nul_bytes"] = data[:200] + b"\0" * 64 + data[200:]
        variants["nul_only"] = b"\0" * 8192
        variants["huge_line"] = lines[0] + nl + b"2007/01/01 01:00   " + b"9" * (8 << 20) + nl + nl.join(lines[2:]) + nl
        variants["huge_line_no_eol"] = b"A" * (8 << 20)
        variants["latin1"] = data.replace(b"Narbonne", b"Narbonn\xe9\xe8", 1) if b"Narbonne" in data else b"\xe9" + data
        variants["crlf"] = b"\r\n".join(lines) + b"\r\n"
        variants["lf"] = b"\n".join(lines) + b"\n"
        variants["bom"] = b"\xef\xbb\xbf" + data
        variants["utf16"] = data.decode("latin-1").encode("utf-16")
        bad_date = list(lines)
        bad_date[5] = bad_date[5].replace(b"2007/01/01", b"2007/13/45").replace(b"2010/", b"2010/13/45 ", 1)
        variants["bad_date"] = nl.join(bad_date) + nl
        nanv = list(lines)
        if tag == "hv":
            nanv[3] = nanv[3].replace(b"0.2140", b"   nan")
            nanv[4] = nanv[4].replace(b"0.2140", b"   inf")
        else:
            nanv[3] = re.sub(rb"\d+\.\d{4} ([A-Z])", rb"   nan \1", nanv[3], count=1)
        variants["nan_values"] = nl.join(nanv) + nl
        missing = list(lines)
        missing[6] = missing[6][:12]
        variants["short_line"] = nl.join(missing) + nl
        variants["header_garbage"] = b"#!/bin/sh\nrm -rf /\n" + data
        dup = lines[:1] + lines[1:] + lines[1:]
        variants["duplicated_records"] = nl.join(dup) + nl
        for k in range(3):
            variants["flip%d" % k] = flip_bytes(data, rng, 8 + 16 * k)
        expect_n = None
        if tag == "hv":
            expect_n = 741
        for name, content in variants.items():
            p = put(name + ".stm", content)
            n_inputs += 1
            cid = "ismn-%s-%s" % (tag, name)
            argv = ["stations", "--input", p, "--json"]
            fn = name + ".stm"
            if name == "pristine":
                checks = [chk("sensors", "len>=", 1)]
                if expect_n:
                    checks += [chk("sensors.0.n", "==", expect_n),
                               chk("sensors.0.mean", "approx", 0.17343211875843476)]
                case(cid, "ismn_file", argv, "ok", checks=checks)
            elif name in ("crlf", "lf", "bom"):
                case(cid, "ismn_file", argv, "ok",
                     checks=[{"same_as": "ismn-%s-pristine" % tag,
                              "paths": ["sensors.*.n", "sensors.*.mean", "sensors.*.lat", "sensors.*.depth_from"]}])
            elif name == "header_only":
                # header_values: a sensor without observations; CEOP: the first line is one record
                case(cid, "ismn_file", argv, "either", contains=[fn],
                     checks=[chk("sensors.*.n", "==" if tag == "hv" else "<=", 0 if tag == "hv" else 1)])
            elif name in ("empty", "one_byte", "trunc_header", "binary", "nul_only",
                          "huge_line_no_eol", "utf16", "header_garbage"):
                case(cid, "ismn_file", argv, "error", contains=[fn], timeout=60 if "huge" in name else None)
            elif name == "trunc_line_end":
                # a complete file with fewer records: correct when n is the records kept
                checks = [chk("sensors", "len>=", 1)]
                if tag == "hv":
                    checks.append(chk("sensors.0.n", "==", len(lines) // 2 - 1))
                case(cid, "ismn_file", argv, "either", contains=[fn], checks=checks)
            elif name == "duplicated_records":
                checks = []
                if tag == "hv":
                    # duplicates refused, or kept once: never counted twice
                    checks.append(chk("sensors.0.n", "<=", 741))
                case(cid, "ismn_file", argv, "either", contains=[fn], checks=checks)
            elif name == "nan_values":
                checks = [chk("sensors.*.mean", "finite_or_null")]
                case(cid, "ismn_file", argv, "either", contains=[fn], checks=checks)
            elif name == "latin1":
                checks = [{"same_as": "ismn-%s-pristine" % tag, "paths": ["sensors.*.n", "sensors.*.mean"]}]
                case(cid, "ismn_file", argv, "either", contains=[fn], checks=checks)
            elif name in ("trunc_mid", "bad_date", "short_line", "nul_bytes"):
                # refused, or the damaged record left out (reported): never a value from it
                checks = []
                if tag == "hv":
                    checks = [chk("sensors.0.n", "<=", 741)]
                case(cid, "ismn_file", argv, "either", contains=[fn], checks=checks)
            elif name == "huge_line":
                case(cid, "ismn_file", argv, "either", contains=[fn], timeout=60,
                     checks=[chk("sensors.*.mean", "finite_or_null"), chk("sensors.*.mean", "<=_or_null", 1.0)])
            else:  # byte flips: any clean outcome
                case(cid, "ismn_file", argv, "either", contains=[fn])
        # the same files through other tasks (series readers)
        for name in (("trunc_header", "binary") if tag == "hv" else ("binary",)):
            p = "{C}/ismn_files/%s/%s.stm" % (tag, name)
            case("ismn-%s-%s-swi" % (tag, name), "ismn_file",
                 ["swi-series", "--input", p, "--out", "{OUT}/swi.csv"], "error", contains=[name + ".stm"],
                 absent_if_failed=["{OUT}/swi.csv"])
            case("ismn-%s-%s-spectrum" % (tag, name), "ismn_file",
                 ["spectrum", "--input", p, "--kind", "series", "--json"], "error", contains=[name + ".stm"])
    return n_inputs


# --------------------------------------------------------------------------------- ISMN folders
def ismn_folders(C, D):
    src = D + "/ismn/Data_seperate_files_header_20170810_20180809"
    base = C + "/ismn_dirs"
    os.makedirs(base, exist_ok=True)
    n = 0

    def copy(name):
        dst = os.path.join(base, name)
        shutil.copytree(src, dst)
        for root, dirs, files in os.walk(dst):
            os.chmod(root, 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
        return dst

    stm1 = "COSMOS/ARM-1/COSMOS_COSMOS_ARM-1_sm_0.000000_0.190000_Cosmic-ray-Probe_20170810_20180809.stm"
    folders = {}
    d = copy("pristine"); folders["pristine"] = d
    d = copy("fifo_stm")
    os.mkfifo(os.path.join(d, "COSMOS/ARM-1/COSMOS_COSMOS_ARM-1_sm_0.200000_0.300000_Probe_20170810_20180809.stm"))
    folders["fifo_stm"] = d
    d = copy("fifo_metadata")
    os.remove(os.path.join(d, "Metadata.xml"))
    os.mkfifo(os.path.join(d, "Metadata.xml"))
    folders["fifo_metadata"] = d
    d = copy("fifo_static")
    p = os.path.join(d, "COSMOS/ARM-1/COSMOS_COSMOS_ARM-1_static_variables.csv")
    os.remove(p); os.mkfifo(p)
    folders["fifo_static"] = d
    d = copy("symlink_loop")
    os.symlink("..", os.path.join(d, "COSMOS/ARM-1/loop"))
    os.symlink("../../", os.path.join(d, "COSMOS/back"))
    folders["symlink_loop"] = d
    d = copy("self_link")
    os.symlink("self.stm", os.path.join(d, "COSMOS/ARM-1/self.stm"))
    folders["self_link"] = d
    d = copy("dangling_link")
    os.symlink("/nonexistent/soilscope/x.stm", os.path.join(d, "COSMOS/ARM-1/COSMOS_COSMOS_ARM-1_sm_0.3_0.4_X_20170810_20180809.stm"))
    folders["dangling_link"] = d
    os.makedirs(base + "/empty_dir"); folders["empty_dir"] = base + "/empty_dir"
    os.makedirs(base + "/empty_networks/COSMOS/ARM-1"); os.makedirs(base + "/empty_networks/SCAN")
    folders["empty_networks"] = base + "/empty_networks"
    d = copy("static_only")
    for root, dirs, files in os.walk(d):
        for f in files:
            if f.endswith(".stm"):
                os.remove(os.path.join(root, f))
    folders["static_only"] = d
    d = copy("stm_is_dir")
    os.makedirs(os.path.join(d, "COSMOS/ARM-1/COSMOS_COSMOS_ARM-1_sm_0.3_0.4_Y_20170810_20180809.stm"))
    folders["stm_is_dir"] = d
    d = copy("one_bad_stm")
    write(os.path.join(d, "COSMOS/Barrow-ARM/COSMOS_COSMOS_Barrow-ARM_sm_0.300000_0.400000_Bad_20170810_20180809.stm"),
          b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    folders["one_bad_stm"] = d
    d = copy("corrupt_metadata")
    write(os.path.join(d, "Metadata.xml"), read(os.path.join(d, "Metadata.xml"))[:777] + b"\0\0<<<")
    folders["corrupt_metadata"] = d
    d = copy("corrupt_static")
    write(os.path.join(d, "COSMOS/ARM-1/COSMOS_COSMOS_ARM-1_static_variables.csv"),
          b"quantity;unit;\xff\xfe\0\0garbage\n;;;;;;;;;\n" + b"\xe9" * 300)
    folders["corrupt_static"] = d
    d = copy("latin1_names")
    os.rename(os.path.join(d, "COSMOS/ARM-1"), os.path.join(d.encode(), b"COSMOS/ARM-\xe9").decode("utf-8", "surrogateescape"))
    folders["latin1_names"] = d
    d = base + "/deep_nesting"
    p = d
    for i in range(120):
        p = os.path.join(p, "d")
    os.makedirs(p)
    write(os.path.join(p, "x.txt"), b"deep")
    folders["deep_nesting"] = d
    d = copy("truncated_member")
    p = os.path.join(d, stm1)
    write(p, read(p)[:1000])
    folders["truncated_member"] = d
    d = copy("many_empty_files")
    for i in range(400):
        write(os.path.join(d, "COSMOS/ARM-1/COSMOS_COSMOS_ARM-1_sm_0.%03d_0.%03d_E_20170810_20180809.stm" % (i, i)), b"")
    folders["many_empty_files"] = d
    write(base + "/not_a_folder.stm", b"")  # a file where a folder was expected is covered by ismn_files
    n += 1

    for name, path in folders.items():
        n += 1
        rel = "{C}/ismn_dirs/" + name
        argv = ["stations", "--input", rel, "--json"]
        if name == "pristine":
            case("ismndir-pristine", "ismn_folder", argv, "ok",
                 checks=[chk("sensors", "len==", 2), chk("sensors.*.n", ">", 1000)])
        elif name in ("empty_dir", "empty_networks", "static_only"):
            case("ismndir-" + name, "ismn_folder", argv, "either", contains=[name],
                 checks=[chk("sensors", "len==", 0)])
        elif name == "deep_nesting":
            case("ismndir-" + name, "ismn_folder", argv, "either", contains=[name], checks=[chk("sensors", "len==", 0)])
        else:
            # the good sensors, with the bad entry refused (named in the warnings) — or a clean error
            c = case("ismndir-" + name, "ismn_folder", argv, "either", contains=[name],
                     checks=[{"same_as": "ismndir-pristine", "paths": ["sensors.*.n"]}] if name in
                     ("fifo_stm", "fifo_metadata", "symlink_loop", "self_link", "dangling_link", "stm_is_dir",
                      "one_bad_stm", "corrupt_metadata", "many_empty_files") else None)
    # the folder through a series task
    for name in ("fifo_stm", "symlink_loop", "empty_dir"):
        case("ismndir-%s-spectrum" % name, "ismn_folder",
             ["spectrum", "--input", "{C}/ismn_dirs/" + name, "--kind", "series", "--flags", "all", "--json"],
             "either", contains=[name])
    return n


# ----------------------------------------------------------------------------------------- zips
def zip_local_header(name, crc, csize, usize, method=8, flag=0):
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flag, method, 0, 0x21, crc, csize, usize, len(name), 0) + name


def zip_central(name, crc, csize, usize, offset, method=8, flag=0):
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flag, method, 0, 0x21, crc, csize, usize,
                       len(name), 0, 0, 0, 0, 0o100644 << 16, offset) + name


def zip_eocd(count, cd_size, cd_offset):
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, cd_size, cd_offset, 0)


def raw_zip(members):
    """members: list of (name bytes, stored data bytes, crc, csize, usize, method, flag)."""
    out = b""
    cd = b""
    for name, payload, crc, csize, usize, method, flag in members:
        off = len(out)
        out += zip_local_header(name, crc, csize, usize, method, flag) + payload
        cd += zip_central(name, crc, csize, usize, off, method, flag)
    return out + cd + zip_eocd(len(members), len(cd), len(out))


def deflate(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zips(C, D):
    rng = random.Random(3003)
    good = read(D + "/ismn/zip_archives/header/Data_seperate_files_header_20170810_20180809.zip")
    d = C + "/zips"
    os.makedirs(d, exist_ok=True)
    stm = read(D + "/ismn/format_header_values/SMOSMANIA/"
               "SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-ML2X_20070101_20070131.stm")
    stm_name = b"SMOSMANIA/Narbonne/SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-ML2X_20070101_20070131.stm"
    z = {}
    z["pristine"] = good
    z["empty_file"] = b""
    z["empty_zip"] = zip_eocd(0, 0, 0)
    z["text_named_zip"] = b"this is not a zip archive\n" * 10
    for frac in (10, 50, 90, 99):
        z["trunc%02d" % frac] = good[: len(good) * frac // 100]
    eocd = good.rfind(b"PK\x05\x06")
    cd_size, cd_off = struct.unpack("<II", good[eocd + 12: eocd + 20])
    b = bytearray(good)
    b[cd_off: cd_off + cd_size] = bytes(rng.randrange(256) for _ in range(cd_size))
    z["corrupt_central_dir"] = bytes(b)
    b = bytearray(good); struct.pack_into("<I", b, eocd + 16, len(good) + 12345)
    z["cd_offset_past_end"] = bytes(b)
    b = bytearray(good); struct.pack_into("<HH", b, eocd + 8, 65535, 65535)
    z["cd_count_huge"] = bytes(b)
    b = bytearray(good); struct.pack_into("<I", b, eocd + 12, 0xFFFFFFF0)
    z["cd_size_huge"] = bytes(b)
    z["eocd_only_garbage_before"] = bytes(rng.randrange(256) for _ in range(5000)) + good[eocd:]
    # a changed byte in the middle of a member's compressed data: only the CRC can tell
    lf = good.find(b"PK\x03\x04", good.find(b".stm") - 200)
    zi = zipfile.ZipFile(__import__("io").BytesIO(good))
    info = [i for i in zi.infolist() if i.filename.endswith(".stm")][0]
    hdr = info.header_offset
    nlen, xlen = struct.unpack("<HH", good[hdr + 26: hdr + 30])
    data_start = hdr + 30 + nlen + xlen
    b = bytearray(good)
    # a stored copy is easiest to change without breaking deflate: rebuild with a stored member
    stored = raw_zip([(stm_name, stm, zlib.crc32(stm), len(stm), len(stm), 0, 0)])
    sb = bytearray(stored)
    pos = 30 + len(stm_name) + 5000
    sb[pos] = ord("7") if sb[pos] != ord("7") else ord("8")
    z["crc_mismatch_stored"] = bytes(sb)
    # deflated member with one data byte changed (may or may not still inflate; CRC must catch it)
    b[data_start + info.compress_size // 2] ^= 0x01
    z["crc_mismatch_deflated"] = bytes(b)
    # crc field itself wrong
    comp = deflate(stm)
    z["crc_field_wrong"] = raw_zip([(stm_name, comp, zlib.crc32(stm) ^ 0xDEADBEEF, len(comp), len(stm), 8, 0)])
    z["good_single"] = raw_zip([(stm_name, comp, zlib.crc32(stm), len(comp), len(stm), 8, 0)])
    # declared huge uncompressed size
    z["declared_huge_size"] = raw_zip([(stm_name, comp, zlib.crc32(stm), len(comp), 0xFFFFFFF0, 8, 0)])
    z["declared_small_size"] = raw_zip([(stm_name, comp, zlib.crc32(stm), len(comp), 100, 8, 0)])
    z["csize_past_end"] = raw_zip([(stm_name, comp, zlib.crc32(stm), 0x7FFFFFF0, len(stm), 8, 0)])
    # encrypted member (traditional PKWARE flag; payload random)
    enc = bytes(rng.randrange(256) for _ in range(len(comp) + 12))
    z["encrypted_member"] = raw_zip([(stm_name, enc, zlib.crc32(stm), len(enc), len(stm), 8, 1)])
    # unsupported methods
    z["method_bzip2"] = raw_zip([(stm_name, comp, zlib.crc32(stm), len(comp), len(stm), 12, 0)])
    z["method_lzma"] = raw_zip([(stm_name, comp, zlib.crc32(stm), len(comp), len(stm), 14, 0)])
    z["method_999"] = raw_zip([(stm_name, comp, zlib.crc32(stm), len(comp), len(stm), 999, 0)])
    # zip-slip names
    z["slip_dotdot"] = raw_zip([(b"../../zipslip_evil/SMOSMANIA_SMOSMANIA_Evil_sm_0.05_0.05_X_20070101_20070131.stm",
                                 comp, zlib.crc32(stm), len(comp), len(stm), 8, 0)])
    z["slip_absolute"] = raw_zip([(b"/tmp/soilscope_zipslip_abs/SMOSMANIA_SMOSMANIA_Evil_sm_0.05_0.05_X_20070101_20070131.stm",
                                   comp, zlib.crc32(stm), len(comp), len(stm), 8, 0)])
    z["slip_backslash"] = raw_zip([(b"..\\..\\zipslip_bs\\evil.stm", comp, zlib.crc32(stm), len(comp), len(stm), 8, 0)])
    z["nul_in_name"] = raw_zip([(b"SMOSMANIA/Nar\0bonne/x.stm", comp, zlib.crc32(stm), len(comp), len(stm), 8, 0)])
    z["duplicate_names"] = raw_zip([(stm_name, comp, zlib.crc32(stm), len(comp), len(stm), 8, 0)] * 2)
    # zip in a zip, dirs only
    z["nested_zip"] = raw_zip([(b"inner.zip", good, zlib.crc32(good), len(good), len(good), 0, 0)])
    z["dirs_only"] = raw_zip([(b"COSMOS/", b"", 0, 0, 0, 0, 0), (b"COSMOS/ARM-1/", b"", 0, 0, 0, 0, 0)])
    # many entries (bounded time)
    members = []
    for i in range(20000):
        nm = b"N/S%05d/N_N_S%05d_sm_0.05_0.05_X_20070101_20070131.stm" % (i, i)
        members.append((nm, b"", 0, 0, 0, 0, 0))
    z["many_empty_members"] = raw_zip(members)
    # bad stm inside a valid zip
    badstm = bytes(rng.randrange(256) for _ in range(3000))
    z["binary_member"] = raw_zip([(stm_name, badstm, zlib.crc32(badstm), len(badstm), len(badstm), 0, 0)])
    for k in range(6):
        z["flip%d" % k] = flip_bytes(good, rng, 4 + 4 * k)
    n = 0
    for name, content in z.items():
        write(os.path.join(d, name + ".zip"), content)
        n += 1
        p = "{C}/zips/%s.zip" % name
        fn = name + ".zip"
        argv = ["stations", "--input", p, "--json"]
        cid = "zip-" + name
        if name == "pristine":
            case(cid, "zip", argv, "ok", checks=[chk("sensors", "len==", 2), chk("sensors.*.n", ">", 1000)])
        elif name == "good_single":
            case(cid, "zip", argv, "ok", checks=[chk("sensors", "len==", 1), chk("sensors.0.n", "==", 741),
                                                 chk("sensors.0.mean", "approx", 0.17343211875843476)])
        elif name in ("crc_mismatch_stored", "crc_mismatch_deflated", "crc_field_wrong"):
            # refused as a CRC mismatch, or the corrupt member skipped with a warning that says so
            case(cid, "zip", argv, "either", contains=[fn, ["crc", "checksum"]], warns=[fn, "crc"],
                 checks=[chk("sensors", "len==", 1 if name == "crc_mismatch_deflated" else 0)])
        elif name in ("declared_huge_size", "declared_small_size", "csize_past_end"):
            # refused, or the member skipped with a warning naming the archive
            case(cid, "zip", argv, "either", contains=[fn], warns=[fn], checks=[chk("sensors", "len==", 0)])
        elif name == "encrypted_member":
            case(cid, "zip", argv, "error", contains=[fn, ["encrypt", "password"]])
        elif name.startswith("method_"):
            case(cid, "zip", argv, "error", contains=[fn, ["method", "compress", "unsupported"]])
        elif name.startswith("slip_"):
            case(cid, "zip", argv, "either", contains=[fn],
                 absent=["{C}/zipslip_evil", "/tmp/soilscope_zipslip_abs", "{C}/zipslip_bs"])
        elif name in ("empty_zip", "dirs_only", "many_empty_members"):
            case(cid, "zip", argv, "either", contains=[fn], checks=[chk("sensors", "len==", 0)])
        elif name in ("duplicate_names",):
            case(cid, "zip", argv, "either", contains=[fn], checks=[chk("sensors.*.n", "<=", 741)])
        elif name == "nested_zip":
            case(cid, "zip", argv, "either", contains=[fn])
        elif name.startswith("flip"):
            case(cid, "zip", argv, "either", contains=[fn])
        else:
            case(cid, "zip", argv, "error", contains=[fn])
    # the deflate bomb: 1 GiB of zeros in one member, ~1 MB on disk. Each 16 MiB chunk ends with a
    # full flush (dictionary reset), so the compressed chunk can be repeated as is.
    chunk = bytes(16 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush(zlib.Z_FINISH)
    reps = 64
    crc = 0
    for _ in range(reps):
        crc = zlib.crc32(chunk, crc)
    payload = block * reps + tail
    usize = len(chunk) * reps
    bomb_name = b"BOMB/Site/BOMB_BOMB_Site_sm_0.050000_0.050000_X_20070101_20070131.stm"
    write(d + "/deflate_bomb.zip", raw_zip([(bomb_name, payload, crc, len(payload), usize, 8, 0)]))
    # the same bomb with an honest small declared size (reader must stop at the declared size)
    write(d + "/deflate_bomb_lying.zip", raw_zip([(bomb_name, payload, crc, len(payload), 4096, 8, 0)]))
    # the bomb next to a real station
    write(d + "/deflate_bomb_mixed.zip", raw_zip([(stm_name, comp, zlib.crc32(stm), len(comp), len(stm), 8, 0),
                                                  (bomb_name, payload, crc, len(payload), usize, 8, 0)]))
    n += 3
    for name in ("deflate_bomb", "deflate_bomb_lying"):
        case("zip-" + name, "zip", ["stations", "--input", "{C}/zips/%s.zip" % name, "--json"], "error",
             contains=[name + ".zip"], timeout=60)
    # next to a good station the bomb may be skipped, with a warning naming it
    case("zip-deflate_bomb_mixed", "zip", ["stations", "--input", "{C}/zips/deflate_bomb_mixed.zip", "--json"],
         "either", contains=["deflate_bomb_mixed.zip"], timeout=60, warns=["deflate_bomb_mixed.zip", "BOMB"],
         checks=[chk("sensors", "len==", 1), chk("sensors.0.n", "==", 741)])
    case("zip-deflate_bomb-validate", "zip",
         ["validate", "--reference", "{C}/zips/deflate_bomb.zip", "--candidate", "{C}/zips/good_single.zip",
          "--json"], "error", contains=["deflate_bomb.zip"], timeout=60)
    # zips through other tasks
    for name in ("crc_mismatch_stored", "corrupt_central_dir"):
        case("zip-%s-validate" % name, "zip",
             ["validate", "--reference", "{C}/zips/%s.zip" % name, "--candidate", "{C}/zips/good_single.zip",
              "--json"], "error", contains=[name + ".zip"])
        case("zip-%s-swi" % name, "zip",
             ["swi-series", "--input", "{C}/zips/%s.zip" % name, "--out", "{OUT}/swi.csv"], "error",
             contains=[name + ".zip"], absent_if_failed=["{OUT}/swi.csv"])
    case("zip-good_single-validate-self", "zip",
         ["validate", "--reference", "{C}/zips/good_single.zip", "--candidate", "{C}/zips/good_single.zip",
          "--json"], "ok", checks=[chk("n", "==", 741), chk("R", "approx", 1.0), chk("bias", "approx", 0.0)])
    return n


# ------------------------------------------------------------------------------------------ CSV
def csv_series(n=200, offset=0.0, start_day=1):
    rows = []
    import math
    for i in range(n):
        day = start_day + i // 24
        rows.append("2020-01-%02dT%02d:00:00Z,%.4f" % (day, i % 24, 0.2 + offset + 0.05 * math.sin(i / 10.0)))
    return rows


def csvs(C):
    rng = random.Random(4004)
    d = C + "/csv"
    os.makedirs(d, exist_ok=True)
    ref = csv_series()
    cand = csv_series(offset=0.01)
    write(d + "/candidate.csv", ("time,sm\n" + "\n".join(cand) + "\n").encode())
    good = "time,sm\n" + "\n".join(ref) + "\n"
    v = {}
    v["pristine"] = good.encode()
    v["empty"] = b""
    v["header_only"] = b"time,sm\n"
    v["missing_header"] = ("\n".join(ref) + "\n").encode()
    r = list(ref); r[10] = "2020-13-45T25:61:00Z,0.2"; r[11] = "yesterday,0.2"
    v["bad_dates"] = ("time,sm\n" + "\n".join(r) + "\n").encode()
    r = list(ref)
    for i in (3, 50, 51, 120):
        r[i] = r[i].split(",")[0] + ",NaN"
    r[60] = r[60].split(",")[0] + ",inf"
    r[61] = r[61].split(",")[0] + ",-inf"
    v["nan_inf_values"] = ("time,sm\n" + "\n".join(r) + "\n").encode()
    r = list(ref); r[20] = r[19]; r[21] = r[19].split(",")[0] + ",0.9"
    v["duplicate_times"] = ("time,sm\n" + "\n".join(r) + "\n").encode()
    v["latin1_units"] = ("time,sm [m\xb3/m\xb3] \xe9t\xe9\n" + "\n".join(ref) + "\n").encode("latin-1")
    v["bom"] = b"\xef\xbb\xbf" + good.encode()
    v["crlf"] = good.replace("\n", "\r\n").encode()
    v["semicolon"] = good.replace(",", ";").encode()
    r = list(ref); r[5] = r[5] + ",extra,fields"; r[6] = r[6].split(",")[0]
    v["ragged_rows"] = ("time,sm\n" + "\n".join(r) + "\n").encode()
    r = list(ref); r[7] = '"2020-01-01T07:00:00Z,0.2'
    v["unbalanced_quote"] = ("time,sm\n" + "\n".join(r) + "\n").encode()
    v["huge_line"] = ("time,sm\n" + "2020-01-01T00:00:00Z," + "1" * (8 << 20) + "\n" + "\n".join(ref[1:]) + "\n").encode()
    v["nul_bytes"] = good.encode()[:300] + b"\0" * 100 + good.encode()[300:]
    v["binary"] = bytes(rng.randrange(256) for _ in range(5000))
    r = list(ref); r[30] = r[30].split(",")[0] + ",1e308"; r[31] = r[31].split(",")[0] + ",-1e308"
    v["extreme_values"] = ("time,sm\n" + "\n".join(r) + "\n").encode()
    r = list(ref); r[40] = r[40].split(",")[0] + ",0.2abc"; r[41] = r[41].split(",")[0] + ",0,25"
    v["bad_numbers"] = ("time,sm\n" + "\n".join(r) + "\n").encode()
    r = list(ref); r.reverse()
    v["reversed_times"] = ("time,sm\n" + "\n".join(r) + "\n").encode()
    v["dup_column_names"] = ("time,sm,sm\n" + "\n".join(x + ",0.3" for x in ref) + "\n").encode()
    v["all_nan"] = ("time,sm\n" + "\n".join(x.split(",")[0] + ",nan" for x in ref) + "\n").encode()
    v["one_row"] = ("time,sm\n" + ref[0] + "\n").encode()
    v["utf16"] = good.encode("utf-16")
    for k in range(4):
        v["flip%d" % k] = flip_bytes(good.encode(), rng, 6 + 6 * k, start=8)
    n = 1
    for name, content in v.items():
        write(d + "/" + name + ".csv", content)
        n += 1
        p = "{C}/csv/%s.csv" % name
        fn = name + ".csv"
        va = ["validate", "--reference", p, "--reference-column", "sm", "--candidate", "{C}/csv/candidate.csv",
              "--candidate-column", "sm", "--json"]
        su = ["summarize", "--input", p, "--values", "sm", "--out", "{OUT}/sum", "--json"]
        sp = ["spectrum", "--input", p, "--column", "sm", "--json"]
        sw = ["swi-series", "--input", p, "--input-column", "sm", "--out", "{OUT}/swi.csv", "--json"]
        if name == "pristine":
            case("csv-pristine-validate", "csv", va, "ok", checks=[chk("n", "==", 200), chk("bias", "approx", 0.01),
                                                                  chk("R", "approx", 1.0)])
            case("csv-pristine-summarize", "csv", su, "ok", checks=[chk("groups.0.values.sm.n", "==", 200)])
            case("csv-pristine-spectrum", "csv", sp, "ok")
            case("csv-pristine-swi", "csv", sw, "ok", checks=[chk("observations", "==", 200)])
            continue
        if name in ("bom", "crlf"):
            case("csv-%s-validate" % name, "csv", va, "ok", checks=[chk("n", "==", 200), chk("bias", "approx", 0.01)])
            case("csv-%s-summarize" % name, "csv", su, "ok", checks=[chk("groups.0.values.sm.n", "==", 200)])
            continue
        if name in ("header_only", "semicolon", "huge_line"):
            # no rows / another delimiter / an unreadable huge value: refused, or read correctly
            n_ok = {"header_only": 0, "semicolon": 200, "huge_line": 199}[name]
            case("csv-%s-validate" % name, "csv", va, "either" if n_ok else "error", contains=[fn], timeout=60,
                 checks=[chk("n", "==", n_ok), chk("bias", "approx", 0.01)])
            case("csv-%s-summarize" % name, "csv", su, "either", contains=[fn], timeout=60,
                 checks=[chk("rows", "==", n_ok)] if not n_ok else [chk("groups.0.values.sm.n", "==", n_ok),
                                                                  chk("groups.0.values.sm.mean", "finite")])
            case("csv-%s-swi" % name, "csv", sw, "either", contains=[fn], timeout=60,
                 checks=[chk("observations", "==", n_ok)])
            continue
        if name in ("empty", "binary", "utf16", "missing_header", "all_nan", "one_row"):
            to = 60 if name == "huge_line" else None
            case("csv-%s-validate" % name, "csv", va, "either" if name == "one_row" else "error", contains=[fn],
                 timeout=to, checks=[chk("n", "==", 1), chk("bias", "approx", 0.01)])
            case("csv-%s-summarize" % name, "csv", su, "error" if name not in ("all_nan", "one_row") else "either",
                 contains=[fn], timeout=to,
                 checks=[chk("groups.0.values.sm.n", "<=", 1)])
            if name in ("missing_header", "one_row"):
                case("csv-%s-swi" % name, "csv", sw, "error" if name not in ("one_row",) else "either",
                     contains=[fn], timeout=to, checks=[chk("observations", "==", 1)])
            continue
        if name == "nan_inf_values":
            # non-finite values are missing values: 194 finite rows left
            case("csv-nan-validate", "csv", va, "either", contains=[fn],
                 checks=[chk("n", "==", 194), chk("R", "finite"), chk("RMSD", "finite"), chk("bias", "approx", 0.01)])
            case("csv-nan-summarize", "csv", su, "either", contains=[fn],
                 checks=[chk("groups.0.values.sm.n", "==", 194), chk("groups.0.values.sm.mean", "finite"),
                         chk("groups.0.values.sm.std", "finite")])
            case("csv-nan-spectrum", "csv", sp, "either", contains=[fn])
            case("csv-nan-swi", "csv", sw, "either", contains=[fn], checks=[chk("observations", "<=", 200)])
            continue
        if name == "extreme_values":
            case("csv-extreme-validate", "csv", va, "either", contains=[fn], checks=[chk("R", "finite_or_null")])
            case("csv-extreme-summarize", "csv", su, "either", contains=[fn],
                 checks=[chk("groups.0.values.sm.mean", "finite_or_null"), chk("groups.0.values.sm.std", "finite_or_null")])
            continue
        if name == "latin1_units":
            case("csv-latin1-summarize", "csv", ["summarize", "--input", p, "--out", "{OUT}/sum", "--json"],
                 "either", contains=[fn], checks=[chk("groups.0.values", "len==", 1)])
            case("csv-latin1-validate", "csv", va, "either", contains=[fn, "sm"])
            continue
        if name == "duplicate_times":
            case("csv-dup-validate", "csv", va, "either", contains=[fn, ["duplicate", "2020-01-01T19"]],
                 checks=[chk("n", "<=", 199)])
            case("csv-dup-swi", "csv", sw, "either", contains=[fn], checks=[chk("observations", "<=", 199)])
            continue
        if name in ("bad_dates", "bad_numbers", "ragged_rows", "unbalanced_quote", "nul_bytes", "reversed_times",
                    "dup_column_names"):
            ck = [chk("n", "<=", 200)]
            if name == "reversed_times":
                ck = [chk("n", "==", 200), chk("bias", "approx", 0.01)]
            case("csv-%s-validate" % name, "csv", va, "either", contains=[fn], checks=ck)
            if name in ("bad_numbers", "reversed_times"):
                case("csv-%s-summarize" % name, "csv", su, "either", contains=[fn],
                     checks=[chk("groups.0.values.sm.n", "<=", 200)])
            continue
        case("csv-%s-validate" % name, "csv", va, "either", contains=[fn])
    # column options
    case("csv-missing-column", "csv",
         ["validate", "--reference", "{C}/csv/pristine.csv", "--reference-column", "sm_typo", "--candidate",
          "{C}/csv/candidate.csv", "--candidate-column", "sm", "--json"], "error", contains=["sm_typo"])
    case("csv-triple-nan", "csv",
         ["triple_collocation", "--reference", "{C}/csv/nan_inf_values.csv", "--reference-column", "sm",
          "--candidate", "{C}/csv/candidate.csv", "--candidate-column", "sm", "--third", "{C}/csv/pristine.csv",
          "--third-column", "sm", "--json"], "either", contains=["nan_inf_values.csv"])
    case("csv-triple-binary", "csv",
         ["triple_collocation", "--reference", "{C}/csv/binary.csv", "--reference-column", "sm",
          "--candidate", "{C}/csv/candidate.csv", "--candidate-column", "sm", "--third", "{C}/csv/pristine.csv",
          "--third-column", "sm", "--json"], "error", contains=["binary.csv"])
    return n


# -------------------------------------------------------------------------------------- rasters
def tiff_header(width, height, bps=8, spp=1, strip_offset=8, strip_bytes=1, extra=b""):
    """A little-endian baseline TIFF with one strip; the entries say what we ask, not what is there."""
    entries = [
        (256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, bps), (259, 3, 1, 1), (262, 3, 1, 1),
        (273, 4, 1, strip_offset), (277, 3, 1, spp), (278, 4, 1, height), (279, 4, 1, strip_bytes),
    ]
    ifd = struct.pack("<H", len(entries))
    for tag, typ, cnt, val in entries:
        if typ == 3:
            ifd += struct.pack("<HHIHH", tag, typ, cnt, val, 0)
        else:
            ifd += struct.pack("<HHII", tag, typ, cnt, val)
    ifd += struct.pack("<I", 0)
    return b"II*\0" + struct.pack("<I", 8) + ifd + extra


def netcdf_dims(data):
    """Offsets of the dimension lengths in a classic netCDF header."""
    assert data[:3] == b"CDF"
    pos = 8
    tag, n = struct.unpack(">II", data[pos: pos + 8])
    pos += 8
    out = []
    if tag != 0x0A:
        return out
    for _ in range(n):
        (ln,) = struct.unpack(">I", data[pos: pos + 4])
        pos += 4
        name = data[pos: pos + ln]
        pos += (ln + 3) // 4 * 4
        out.append((name, pos))
        pos += 4
    return out


def rasters(C, D):
    rng = random.Random(5005)
    d = C + "/rasters"
    os.makedirs(d, exist_ok=True)
    v = {}
    l7 = read(D + "/rasters/L7_ETMs.tif")
    elev = read(D + "/rasters/elev.tif")
    nc = read(D + "/rasters/test_stageiv_xyt.nc")
    for frac in (1, 10, 50, 99):
        v["l7_trunc%02d.tif" % frac] = l7[: len(l7) * frac // 100]
        v["nc_trunc%02d.nc" % frac] = nc[: len(nc) * frac // 100]
    v["zero_size.tif"] = b""
    v["zero_size.nc"] = b""
    v["wrong_magic.tif"] = b"XX" + elev[2:]
    v["bigtiff_magic.tif"] = elev[:2] + b"+\0" + elev[4:]
    v["png_named_tif.tif"] = b"\x89PNG\r\n\x1a\n" + bytes(100)
    v["text_named_tif.tif"] = b"hello, I am not a raster\n"
    b = bytearray(elev); struct.pack_into("<I", b, 4, len(elev) + 1000)
    v["ifd_past_end.tif"] = bytes(b)
    b = bytearray(elev); struct.pack_into("<I", b, 4, 4)
    v["ifd_loop.tif"] = bytes(b)
    v["huge_100000x100000.tif"] = tiff_header(100000, 100000)
    v["huge_2e9x2e9.tif"] = tiff_header(2000000000, 2000000000, bps=64)
    v["zero_width.tif"] = tiff_header(0, 10)
    v["bps_zero.tif"] = tiff_header(10, 10, bps=0)
    v["bps_odd.tif"] = tiff_header(10, 10, bps=3)
    v["spp_huge.tif"] = tiff_header(10, 10, spp=65535)
    v["strip_past_end.tif"] = tiff_header(100, 100, strip_offset=10 ** 9, strip_bytes=10000)
    # netCDF classic with an absurd dimension
    dims = netcdf_dims(nc)
    b = bytearray(nc)
    for name, off in dims:
        if struct.unpack(">I", nc[off: off + 4])[0] > 1:
            struct.pack_into(">I", b, off, 100000)
    v["nc_dims_100000.nc"] = bytes(b)
    b = bytearray(nc)
    for name, off in dims:
        if struct.unpack(">I", nc[off: off + 4])[0] > 1:
            struct.pack_into(">I", b, off, 0x7FFFFFFF)
    v["nc_dims_max.nc"] = bytes(b)
    v["nc_header_only.nc"] = nc[:2000]
    v["nc_wrong_version.nc"] = b"CDF\x09" + nc[4:]
    v["hdf5_truncated.nc"] = read(D + "/products/TUW_METOP_ASCAT_WARP55R12_1358.nc")[:4096]
    v["borked.nc"] = read(D + "/rasters/test_stageiv_xyt_borked.nc")
    for k in range(5):
        v["tif_flip%d.tif" % k] = flip_bytes(elev, rng, 8 + 8 * k)
        v["nc_flip%d.nc" % k] = flip_bytes(nc, rng, 4 + 4 * k, start=4)
    for name, content in v.items():
        write(os.path.join(d, name), content)
    write(d + "/elev.tif", elev)
    # VRTs
    vrt_simple = """<VRTDataset rasterXSize="{w}" rasterYSize="{h}">
  <VRTRasterBand dataType="Int16" band="1">
    <SimpleSource>
      <SourceFilename relativeToVRT="1">{src}</SourceFilename>
      <SourceBand>1</SourceBand>
    </SimpleSource>
  </VRTRasterBand>
</VRTDataset>
"""
    vrts = {
        "vrt_missing_source.vrt": vrt_simple.format(w=95, h=90, src="does_not_exist.tif"),
        "vrt_self.vrt": vrt_simple.format(w=95, h=90, src="vrt_self.vrt"),
        "vrt_cycle_a.vrt": vrt_simple.format(w=95, h=90, src="vrt_cycle_b.vrt"),
        "vrt_cycle_b.vrt": vrt_simple.format(w=95, h=90, src="vrt_cycle_a.vrt"),
        "vrt_huge.vrt": vrt_simple.format(w=100000, h=100000, src="elev.tif"),
        "vrt_to_truncated.vrt": vrt_simple.format(w=95, h=90, src="l7_trunc50.tif"),
        "vrt_syntax.vrt": vrt_simple.format(w=95, h=90, src="elev.tif")[:120],
        "vrt_negative.vrt": vrt_simple.format(w=-5, h=90, src="elev.tif"),
        "vrt_ok.vrt": vrt_simple.format(w=95, h=90, src="elev.tif"),
        "vrt_etc_passwd.vrt": vrt_simple.format(w=95, h=90, src="/etc/passwd"),
    }
    for name, text in vrts.items():
        write(os.path.join(d, name), text.encode())
    n = len(v) + len(vrts) + 1
    allnames = list(v) + list(vrts)
    for name in allnames:
        p = "{C}/rasters/" + name
        ri = ["raster-info", "--input", p, "--json"]
        sp = ["spectrum", "--input", p, "--kind", "map", "--band", "1", "--json"]
        if name == "vrt_ok.vrt":
            case("raster-vrt_ok-info", "raster", ri, "ok", checks=[chk("width", "==", 95), chk("height", "==", 90)])
            case("raster-vrt_ok-spectrum", "raster", sp, "ok")
            continue
        if name == "huge_100000x100000.tif" or name == "vrt_huge.vrt":
            # describing the header is fine; reading the pixels must be refused, not attempted
            case("raster-%s-info" % name, "raster", ri, "either", contains=[name], checks=[chk("width", "==", 100000)])
            case("raster-%s-spectrum" % name, "raster", sp, "error", contains=[name], timeout=60)
            continue
        if name in ("nc_dims_100000.nc", "nc_dims_max.nc", "huge_2e9x2e9.tif", "spp_huge.tif", "strip_past_end.tif"):
            case("raster-%s-info" % name, "raster", ri, "either", contains=[name])
            case("raster-%s-spectrum" % name, "raster",
                 sp if name.endswith(".tif") else ["spectrum", "--input", p, "--kind", "map", "--json"],
                 "error", contains=[name], timeout=60)
            continue
        if "flip" in name:
            case("raster-%s-info" % name, "raster", ri, "either", contains=[name])
            if name in ("tif_flip1.tif", "tif_flip3.tif", "nc_flip0.nc", "nc_flip4.nc"):
                case("raster-%s-spectrum" % name, "raster",
                     sp if name.endswith(".tif") else ["spectrum", "--input", p, "--kind", "map", "--json"],
                     "either", contains=[name])
            continue
        if name in ("l7_trunc99.tif",):
            case("raster-%s-info" % name, "raster", ri, "either", contains=[name])
            # band 1 lies in the first 99 %: a result is correct when it equals the intact file's
            case("raster-%s-spectrum" % name, "raster", sp, "either", contains=[name])
            continue
        if name == "vrt_etc_passwd.vrt":
            case("raster-%s-info" % name, "raster", ri, "either", contains=[["passwd", name]])
            case("raster-%s-spectrum" % name, "raster", sp, "error", contains=[["passwd", name]])
            continue
        if name.startswith("vrt_"):
            if name in ("vrt_syntax.vrt", "vrt_negative.vrt", "vrt_cycle_b.vrt"):
                case("raster-%s-info" % name, "raster", ri, "either" if "cycle" in name else "error", contains=[name])
                continue
            case("raster-%s-info" % name, "raster", ri, "either",
                 contains=[name] if name not in ("vrt_missing_source.vrt", "vrt_to_truncated.vrt") else
                 [[name, "does_not_exist.tif", "l7_trunc50.tif"]])
            case("raster-%s-spectrum" % name, "raster", sp, "either" if name == "vrt_to_truncated.vrt" else "error",
                 contains=[name] if name not in ("vrt_missing_source.vrt", "vrt_to_truncated.vrt") else
                 [[name, "does_not_exist.tif", "l7_trunc50.tif"]])
            continue
        if name.startswith("l7_trunc") or name == "bps_odd.tif":
            case("raster-%s-info" % name, "raster", ri, "either", contains=[name],
                 checks=[chk("width", "==", 349)] if name.startswith("l7") else None)
        else:
            case("raster-%s-info" % name, "raster", ri, "error", contains=[name])
        if name not in ("l7_trunc01.tif", "l7_trunc50.tif", "nc_trunc10.nc", "nc_trunc99.nc", "zero_size.tif",
                        "wrong_magic.tif", "ifd_loop.tif", "bps_zero.tif", "nc_header_only.nc", "hdf5_truncated.nc"):
            continue
        if name.endswith(".tif"):
            case("raster-%s-spectrum" % name, "raster", sp, "error", contains=[name])
        else:
            case("raster-%s-spectrum" % name, "raster", ["spectrum", "--input", p, "--kind", "map", "--json"],
                 "error", contains=[name])
    # rasters in validate-grid / product-to-grid / series readers
    for name in ("nc_trunc50.nc", "nc_dims_100000.nc"):
        p = "{C}/rasters/" + name
        case("raster-%s-validate-grid" % name, "raster",
             ["validate-grid", "--reference", p, "--products", "{DATA}/rasters/test_stageiv_xyt.nc",
              "--out", "{OUT}/vg", "--json"], "error", contains=[name], timeout=60)
        case("raster-%s-as-series" % name, "raster",
             ["validate", "--reference", p, "--lon", "-100", "--lat", "35", "--candidate", "{C}/csv/pristine.csv",
              "--candidate-column", "sm", "--json"], "error", contains=[name], timeout=60)
    case("raster-p2g-grid-truncated", "raster",
         ["product-to-grid", "--input", "{DATA}/products/TUW_METOP_ASCAT_WARP55R12_1358.nc", "--grid",
          "{C}/rasters/zero_size.tif", "--from", "2012-06-01", "--to", "2012-06-03", "--out", "{OUT}/g.tif"],
         "error", contains=["zero_size.tif"], absent_if_failed=["{OUT}/g.tif"], timeout=60)
    case("raster-p2g-input-truncated", "raster",
         ["product-to-grid", "--input", "{C}/rasters/hdf5_truncated.nc", "--bbox", "5,43,8,45",
          "--out", "{OUT}/g.tif"], "error", contains=["hdf5_truncated.nc"], absent_if_failed=["{OUT}/g.tif"])
    return n


# ------------------------------------------------------------------------------ twin + projects
def run_cli(cli, args, cwd=None):
    r = subprocess.run([cli] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode(errors="replace"))
        raise SystemExit("make_corpus: soilscope-cli %s failed (%d)" % (" ".join(args), r.returncode))
    return r.stdout


def projects(C, cli):
    twin = C + "/twin"
    # always made afresh: a run that wrote into it (a bug the corpus looks for) must not spoil the next
    if os.path.isdir(twin):
        shutil.rmtree(twin)
    run_cli(cli, ["demo", "--out", twin, "--preset", "tiny", "--seed", "42", "--quiet"])
    pdir = twin + "/projects"
    base = json.loads(read(pdir + "/sar_ml_scenarios.soilscope.json"))
    # the data files every project reads (hashed before and after: a run must not change them)
    data_inputs = ["{C}/twin/sentinel1", "{C}/twin/static", "{C}/twin/optical", "{C}/twin/truth/sm_sar_grid.nc",
                   "{C}/twin/weather"]
    rng = random.Random(6006)
    v = {}

    def dumps(obj):
        return json.dumps(obj, indent=2).encode()

    def with_out(obj, tag):
        o = json.loads(json.dumps(obj))
        o["outputs"] = {"folder": "runs_" + tag}
        return o

    def mutate(tag, fn):
        o = with_out(base, tag)
        fn(o)
        v[tag] = dumps(o)

    good = dumps(with_out(base, "pristine"))
    v["pristine"] = good
    v["empty"] = b""
    v["null"] = b"null"
    v["top_array"] = b"[]"
    v["top_number"] = b"42"
    v["truncated"] = good[: len(good) // 2]
    v["trailing_comma"] = good.rstrip().rstrip(b"}").rstrip() + b",\n}"
    v["single_quotes"] = good.replace(b'"name"', b"'name'", 1)
    v["comment"] = b"// a comment\n" + good
    v["unterminated_string"] = good.replace(b'"wcm_lstm on', b'"wcm_lstm on', 1)[:200] + b'"abc'
    v["nul_byte"] = good[:100] + b"\0" + good[100:]
    v["latin1_string"] = good.replace(b'"name": "', b'"name": "\xe9t\xe9 ', 1)
    v["bom"] = b"\xef\xbb\xbf" + good
    v["nested_arrays_200000"] = good.rstrip()[:-1].rstrip() + b',\n  "description": ' + b"[" * 200000 + b"]" * 200000 + b"\n}"
    v["nested_objects_200000"] = good.rstrip()[:-1].rstrip() + b',\n  "description": ' + b'{"a":' * 200000 + b"1" + b"}" * 200000 + b"\n}"
    v["nan_literal"] = good.rstrip()[:-1].rstrip() + b',\n  "training": {"optimizer": {"lr": NaN}}\n}'
    v["inf_literal"] = good.rstrip()[:-1].rstrip() + b',\n  "training": {"epochs": Infinity}\n}'
    v["huge_number"] = good.rstrip()[:-1].rstrip() + b',\n  "training": {"epochs": 1e999}\n}'
    v["huge_string"] = good.rstrip()[:-1].rstrip() + b',\n  "description": "' + b"x" * (8 << 20) + b'"\n}'
    v["duplicate_keys"] = good.rstrip()[:-1].rstrip() + b',\n  "name": "again"\n}'
    v["bad_escape"] = good.replace(b'"name": "', b'"name": "\\q\\u12', 1)
    v["lone_surrogate"] = good.replace(b'"name": "', b'"name": "\\ud800', 1)
    mutate("version_string", lambda o: o.__setitem__("version", "1"))
    mutate("version_99", lambda o: o.__setitem__("version", 99))
    mutate("format_wrong", lambda o: o.__setitem__("format", "something-else"))
    mutate("data_array", lambda o: o.__setitem__("data", []))
    mutate("data_path_number", lambda o: o["data"]["vv"].__setitem__("path", 17))
    mutate("band_zero", lambda o: o["data"]["sand"].__setitem__("band", 0))
    mutate("band_negative", lambda o: o["data"]["sand"].__setitem__("band", -1))
    mutate("band_huge", lambda o: o["data"]["sand"].__setitem__("band", 10 ** 10))
    mutate("band_fraction", lambda o: o["data"]["sand"].__setitem__("band", 1.5))
    mutate("band_99", lambda o: o["data"]["sand"].__setitem__("band", 99))
    mutate("band_string", lambda o: o["data"]["sand"].__setitem__("band", "four"))
    mutate("unknown_training_epoch", lambda o: o.__setitem__("training", {"epoch": 3}))
    mutate("unknown_split_key", lambda o: o.__setitem__("split", {"scheme": "random", "test_fractoin": 0.2}))
    mutate("unknown_top_key", lambda o: o.__setitem__("dta", {}))
    mutate("unknown_optimizer_key", lambda o: o.__setitem__("training", {"optimizer": {"epz": 1e-8}}))
    mutate("epochs_string", lambda o: o.__setitem__("training", {"epochs": "ten"}))
    mutate("epochs_negative", lambda o: o.__setitem__("training", {"epochs": -3}))
    mutate("epochs_1e300", lambda o: o.__setitem__("training", {"epochs": 1e300}))
    mutate("batch_zero", lambda o: o.__setitem__("training", {"batch_size": 0}))
    mutate("lr_negative", lambda o: o.__setitem__("training", {"optimizer": {"lr": -1}}))
    mutate("test_fraction_2", lambda o: o.__setitem__("split", {"scheme": "random", "test_fraction": 2}))
    mutate("test_fraction_string", lambda o: o.__setitem__("split", {"scheme": "random", "test_fraction": "0.2"}))
    mutate("scheme_unknown", lambda o: o.__setitem__("split", {"scheme": "sideways"}))
    mutate("family_number", lambda o: o.__setitem__("model", {"family": 5}))
    mutate("family_unknown", lambda o: o.__setitem__("model", {"family": "transformer"}))
    mutate("missing_data_file", lambda o: o["data"]["vv"].__setitem__("path", "../sentinel1/nope.nc"))
    mutate("data_is_folder", lambda o: o["data"]["vv"].__setitem__("path", "../sentinel1"))
    mutate("data_truncated_nc", lambda o: o["data"]["vv"].__setitem__("path", "../../rasters/nc_trunc50.nc"))
    mutate("data_zero_size", lambda o: o["data"]["vv"].__setitem__("path", "../../rasters/zero_size.nc"))
    mutate("data_self", lambda o: o["data"]["vv"].__setitem__("path", "bad_data_self.soilscope.json"))
    mutate("variable_missing", lambda o: o["data"]["vv"].__setitem__("variable", "vv_typo"))
    mutate("data_fifo", lambda o: o["data"]["vv"].__setitem__("path", "../../outputs/fifo"))
    mutate("outputs_folder_is_file", lambda o: o.__setitem__("outputs", {"folder": "bad_pristine.soilscope.json"}))
    for k in range(5):
        v["flip%d" % k] = flip_bytes(good, rng, 3 + 3 * k)
    n = 0
    for tag, content in v.items():
        name = "bad_%s.soilscope.json" % tag
        write(os.path.join(pdir, name), content)
        n += 1
        p = "{C}/twin/projects/" + name
        argv = ["train", "--project", p, "--generic", "--quick", "--device", "cpu", "--threads", "1", "--json"]
        cid = "project-" + tag
        if tag == "pristine":
            case(cid, "project", argv, "ok", extra_inputs=data_inputs,
                 checks=[chk("metrics.rmse", "finite"), chk("metrics.rmse", "<", 0.2), chk("samples", ">", 100)])
        elif tag == "huge_string":
            case(cid, "project", argv, "ok", extra_inputs=data_inputs, checks=[chk("metrics.rmse", "finite")],
                 timeout=60)
        elif tag in ("bom", "duplicate_keys", "latin1_string"):
            case(cid, "project", argv, "either", contains=[name], extra_inputs=data_inputs,
                 checks=[chk("metrics.rmse", "finite")])
        elif tag.startswith("flip"):
            case(cid, "project", argv, "either", contains=[name], extra_inputs=data_inputs,
                 checks=[chk("metrics.rmse", "finite")])
        else:
            contains = [name]
            if tag == "variable_missing":
                contains = [[name, "s1_sigma0.nc"]]
            hint = {"unknown_training_epoch": "epoch", "unknown_split_key": "test_fractoin", "unknown_top_key": "dta",
                    "unknown_optimizer_key": "epz", "band_zero": "band", "band_negative": "band",
                    "band_huge": "band", "band_fraction": "band", "band_99": "band", "band_string": "band",
                    "epochs_string": "epochs", "epochs_negative": "epochs", "epochs_1e300": "epochs",
                    "batch_zero": "batch_size", "lr_negative": "lr", "test_fraction_2": "test_fraction",
                    "test_fraction_string": "test_fraction", "version_99": "version", "family_unknown": "transformer",
                    "missing_data_file": "nope.nc", "data_truncated_nc": "nc_trunc50.nc",
                    "data_zero_size": "zero_size.nc", "variable_missing": "vv_typo", "data_fifo": "fifo",
                    "nan_literal": ["nan", "lr"], "inf_literal": ["infinity", "epochs"],
                    "huge_number": ["epochs", "1e999"], "data_is_folder": "sentinel1"}.get(tag)
            if hint:
                if tag in ("missing_data_file", "data_truncated_nc", "data_zero_size", "data_fifo", "data_is_folder"):
                    contains = [hint]  # the file named is the data file
                else:
                    contains.append(hint)
            if tag == "outputs_folder_is_file":
                contains = [[name, "bad_pristine.soilscope.json"]]
            case(cid, "project", argv, "error", contains=contains,
                 extra_inputs=data_inputs + ["{C}/twin/projects/bad_pristine.soilscope.json"],
                 timeout=60 if "nested" in tag or "huge" in tag else None)
    # the same projects through other tasks
    for tag in ("nested_arrays_200000", "unknown_training_epoch"):
        name = "bad_%s.soilscope.json" % tag
        p = "{C}/twin/projects/" + name
        # runs needs only the output folder: a project it can read leads to "no run store"
        case("project-%s-runs" % tag, "project", ["runs", "--project", p, "--json"], "error",
             contains=[[name, "runs.sqlite"]], timeout=60)
        case("project-%s-search" % tag, "project",
             ["search", "--project", p, "--draws", "1", "--epochs", "1", "--device", "cpu", "--threads", "1",
              "--json"], "error", contains=[name], timeout=60)
    case("project-unknown_training_epoch-sweep", "project",
         ["sweep", "--project", "{C}/twin/projects/bad_unknown_training_epoch.soilscope.json", "--sizes", "1",
          "--repeats", "1", "--out", "{OUT}/sw", "--json"], "error",
         contains=["bad_unknown_training_epoch.soilscope.json", "epoch"])
    return n, data_inputs


def bundles(C, cli, data_inputs):
    pdir = C + "/twin/projects"
    src_bundle = pdir + "/runs_pristine_model/bundles/run-1"
    if not os.path.isdir(src_bundle):
        proj = json.loads(read(pdir + "/sar_ml_scenarios.soilscope.json"))
        proj["outputs"] = {"folder": "runs_pristine_model"}
        write(pdir + "/model_source.soilscope.json", json.dumps(proj, indent=2).encode())
        run_cli(cli, ["train", "--project", pdir + "/model_source.soilscope.json", "--generic", "--quick",
                      "--device", "cpu", "--threads", "1", "--set", "model.family=mlp", "--quiet"])
    d = C + "/bundles"
    os.makedirs(d, exist_ok=True)
    v = {}

    def copy(tag):
        dst = os.path.join(d, tag)
        if os.path.exists(dst):
            shutil.rmtree(dst)
        shutil.copytree(src_bundle, dst)
        v[tag] = dst
        return dst

    def edit_json(tag, fn):
        dst = copy(tag)
        b = json.loads(read(dst + "/bundle.json"))
        fn(b)
        write(dst + "/bundle.json", json.dumps(b, indent=2).encode())

    copy("pristine")
    os.remove(copy("missing_bundle_json") + "/bundle.json")
    os.remove(copy("missing_member") + "/member_0.pt")
    dst = copy("member_changed_byte")
    m = bytearray(read(dst + "/member_0.pt")); m[len(m) // 2] ^= 0x40; write(dst + "/member_0.pt", bytes(m))
    dst = copy("member_truncated")
    write(dst + "/member_0.pt", read(dst + "/member_0.pt")[:1000])
    dst = copy("member_empty")
    write(dst + "/member_0.pt", b"")
    dst = copy("bundle_json_truncated")
    write(dst + "/bundle.json", read(dst + "/bundle.json")[:500])
    dst = copy("bundle_json_binary")
    write(dst + "/bundle.json", bytes(range(256)) * 4)
    edit_json("format_version_99", lambda b: b.__setitem__("format_version", 99))
    edit_json("format_wrong", lambda b: b.__setitem__("format", "not-a-bundle"))
    edit_json("checksum_field_wrong", lambda b: b["members"][0].__setitem__("fnv1a64", "0000000000000000"))
    edit_json("members_empty", lambda b: b.__setitem__("members", []))
    edit_json("member_path_escape", lambda b: b["members"][0].__setitem__("file", "../../../../etc/passwd"))
    edit_json("member_absolute", lambda b: b["members"][0].__setitem__("file", "/etc/passwd"))
    edit_json("feature_names_short", lambda b: b.__setitem__("feature_names", b["feature_names"][:3]))
    edit_json("feature_shape_huge", lambda b: b.__setitem__("feature_shape", [2 ** 40]))
    edit_json("normalisation_scale_zero", lambda b: b["normalisation"]["channels"][0].__setitem__("scale", 0.0))
    edit_json("normalisation_missing", lambda b: b.pop("normalisation"))
    edit_json("predictors_empty", lambda b: b.__setitem__("predictors", []))
    edit_json("predictor_kind_unknown", lambda b: b["predictors"][0].__setitem__("kind", "telepathy"))
    edit_json("predictor_band_zero", lambda b: b["predictors"][0].__setitem__("band", 0))
    edit_json("member_bytes_wrong", lambda b: b["members"][0].__setitem__("bytes", 10 ** 12))
    dst = copy("member_is_dir")
    os.remove(dst + "/member_0.pt"); os.makedirs(dst + "/member_0.pt")
    dst = copy("member_fifo")
    os.remove(dst + "/member_0.pt"); os.mkfifo(dst + "/member_0.pt")
    dst = copy("bundle_json_fifo")
    os.remove(dst + "/bundle.json"); os.mkfifo(dst + "/bundle.json")
    os.makedirs(d + "/empty_folder", exist_ok=True); v["empty_folder"] = d + "/empty_folder"
    write(d + "/bundle_is_file", b"{}"); v["bundle_is_file"] = d + "/bundle_is_file"
    S = "{C}/twin/static/static_sar_grid.tif"
    S1 = "{C}/twin/sentinel1/s1_sigma0.nc"
    inputs = ",".join(["vv=%s#vv" % S1, "vh=%s#vh" % S1, "incidence=%s#incidence" % S1, "sand=%s#4" % S,
                       "clay=%s#5" % S, "bulk_density=%s#6" % S, "elevation=%s#1" % S, "slope=%s#2" % S,
                       "aspect=%s#3" % S, "ndvi={C}/twin/optical/ndvi_8day.nc#ndvi"])
    date = "2019-12-22T17:48:00Z"
    n = 0
    for tag in v:
        n += 1
        argv = ["predict", "--model", "{C}/bundles/" + tag, "--inputs", inputs, "--date", date,
                "--out", "{OUT}/sm.tif", "--json"]
        cid = "bundle-" + tag
        if tag == "pristine":
            case(cid, "bundle", argv, "ok", checks=[chk("predicted", "==", 1600), chk("pixels", "==", 1600)])
            continue
        hint = {"missing_member": "member_0.pt", "member_changed_byte": ["checksum", "fnv", "member_0.pt"],
                "member_truncated": "member_0.pt", "member_empty": "member_0.pt",
                "missing_bundle_json": "bundle.json", "bundle_json_truncated": "bundle.json",
                "bundle_json_binary": "bundle.json", "checksum_field_wrong": ["checksum", "fnv", "member_0.pt"],
                "member_path_escape": ["passwd", "member"], "member_absolute": "passwd",
                "member_is_dir": "member_0.pt", "member_fifo": "member_0.pt", "bundle_json_fifo": "bundle.json",
                "format_version_99": "version", "feature_names_short": "feature",
                "predictor_kind_unknown": "telepathy", "member_bytes_wrong": "member_0.pt"}.get(tag)
        contains = [tag] + ([hint] if hint else [])
        if tag == "member_absolute":
            contains = [["passwd", tag]]
        case(cid, "bundle", argv, "error", contains=contains, absent_if_failed=["{OUT}/sm.tif"], extra_inputs=data_inputs)
    # good bundle, broken inputs
    bad_inputs = inputs.replace("ndvi={C}/twin/optical/ndvi_8day.nc#ndvi", "ndvi={C}/rasters/nc_trunc50.nc")
    case("bundle-input-truncated", "bundle",
         ["predict", "--model", "{C}/bundles/pristine", "--inputs", bad_inputs, "--date", date, "--out",
          "{OUT}/sm.tif"], "error", contains=["nc_trunc50.nc"], absent_if_failed=["{OUT}/sm.tif"])
    bad_inputs = inputs.replace("ndvi={C}/twin/optical/ndvi_8day.nc#ndvi", "ndvi={C}/rasters/huge_100000x100000.tif")
    case("bundle-input-huge", "bundle",
         ["predict", "--model", "{C}/bundles/pristine", "--inputs", bad_inputs, "--date", date, "--out",
          "{OUT}/sm.tif"], "error", contains=["huge_100000x100000.tif"], absent_if_failed=["{OUT}/sm.tif"], timeout=60)
    case("bundle-input-missing-role", "bundle",
         ["predict", "--model", "{C}/bundles/pristine", "--inputs", inputs.split(",ndvi=")[0], "--date", date,
          "--out", "{OUT}/sm.tif"], "error", contains=["ndvi"], absent_if_failed=["{OUT}/sm.tif"])
    return n, inputs, date


# --------------------------------------------------------------------------------- output paths
def outputs(C, have_twin, pred_inputs, pred_date):
    d = C + "/outputs"
    os.makedirs(d, exist_ok=True)
    os.makedirs(d + "/existing_dir/keep", exist_ok=True)
    write(d + "/existing_dir/keep/precious.txt", b"do not delete\n")
    os.makedirs(d + "/user_folder", exist_ok=True)
    write(d + "/user_folder/thesis.txt", b"years of work\n")
    write(d + "/user_folder/data.csv", b"a,b\n1,2\n")
    if not os.path.exists(d + "/fifo"):
        os.mkfifo(d + "/fifo")
    os.makedirs(d + "/readonly", exist_ok=True)
    os.chmod(d + "/readonly", 0o555)
    write(d + "/a_file", b"I am a file\n")
    shutil.copy(C + "/csv/pristine.csv", d + "/series.csv")
    n = 8
    S = ["swi-series", "--input", "{C}/outputs/series.csv", "--input-column", "sm"]
    case("out-swi-same-as-input", "output", S + ["--out", "{C}/outputs/series.csv"], "error",
         contains=["series.csv"])
    case("out-swi-existing-dir", "output", S + ["--out", "{C}/outputs/existing_dir"], "error",
         contains=["existing_dir"], extra_inputs=["{C}/outputs/existing_dir"])
    case("out-swi-fifo", "output", S + ["--out", "{C}/outputs/fifo"], "error", contains=["fifo"], timeout=20)
    case("out-swi-readonly", "output", S + ["--out", "{C}/outputs/readonly/swi.csv"], "error",
         contains=["readonly"], as_nobody=True, absent=["{C}/outputs/readonly/swi.csv"])
    case("out-swi-proc", "output", S + ["--out", "/proc/soilscope_swi.csv"], "error", contains=["/proc"])
    case("out-swi-parent-is-file", "output", S + ["--out", "{C}/outputs/a_file/swi.csv"], "error",
         contains=["a_file"], extra_inputs=["{C}/outputs/a_file"])
    case("out-swi-dev-full", "output", S + ["--out", "/dev/full"], "error", contains=["/dev/full"])
    case("out-swi-name-too-long", "output", S + ["--out", "{OUT}/" + "x" * 300 + ".csv"], "error",
         contains=["xxxxxxxx"])
    case("out-swi-missing-parent", "output", S + ["--out", "{OUT}/no/such/dir/swi.csv"], "either",
         contains=["no/such/dir"])
    case("out-swi-empty-path", "output", S + ["--out", ""], "error", contains=["out"])
    case("out-validate-pairs-is-reference", "output",
         ["validate", "--reference", "{C}/outputs/series.csv", "--reference-column", "sm", "--candidate",
          "{C}/csv/candidate.csv", "--candidate-column", "sm", "--pairs-out", "{C}/outputs/series.csv"], "error",
         contains=["series.csv"])
    case("out-validate-pairs-is-candidate", "output",
         ["validate", "--reference", "{C}/outputs/series.csv", "--reference-column", "sm", "--candidate",
          "{C}/csv/candidate.csv", "--candidate-column", "sm", "--pairs-out", "{C}/csv/candidate.csv"], "error",
         contains=["candidate.csv"])
    case("out-spectrum-csv-is-input", "output",
         ["spectrum", "--input", "{C}/outputs/series.csv", "--column", "sm", "--csv-out", "{C}/outputs/series.csv"],
         "error", contains=["series.csv"])
    case("out-triple-triplets-is-third", "output",
         ["triple_collocation", "--reference", "{C}/outputs/series.csv", "--reference-column", "sm", "--candidate",
          "{C}/csv/candidate.csv", "--candidate-column", "sm", "--third", "{C}/csv/pristine.csv", "--third-column",
          "sm", "--triplets-out", "{C}/csv/pristine.csv"], "error", contains=["pristine.csv"])
    case("out-summarize-into-input-folder-file", "output",
         ["summarize", "--input", "{C}/outputs/series.csv", "--values", "sm", "--out", "{C}/outputs/series.csv"],
         "error", contains=["series.csv"])
    case("out-summarize-fifo", "output",
         ["summarize", "--input", "{C}/outputs/series.csv", "--values", "sm", "--out", "{C}/outputs/fifo"],
         "error", contains=["fifo"], timeout=20)
    case("out-station-metrics-out-is-zip", "output",
         ["station-metrics", "--stations", "{C}/zips/good_single.zip", "--products",
          "{DATA}/rasters/test_stageiv_xyt.nc", "--out", "{C}/zips/good_single.zip"], "error",
         contains=["good_single.zip"])
    case("out-demo-into-user-folder", "output",
         ["demo", "--out", "{C}/outputs/user_folder", "--preset", "tiny"], "error", contains=["user_folder"],
         extra_inputs=["{C}/outputs/user_folder"], timeout=60)
    case("out-p2g-out-is-grid", "output",
         ["product-to-grid", "--input", "{DATA}/products/TUW_METOP_ASCAT_WARP55R12_1358.nc", "--grid",
          "{C}/rasters/elev.tif", "--from", "2012-06-01", "--to", "2012-06-02", "--out", "{C}/rasters/elev.tif"],
         "error", contains=["elev.tif"], timeout=60)
    if have_twin:
        # on a copy of the static layers: a predict that overwrites its input must not spoil the twin
        shutil.copy(C + "/twin/static/static_sar_grid.tif", d + "/static_copy.tif")
        case("out-predict-out-is-input", "output",
             ["predict", "--model", "{C}/bundles/pristine", "--inputs",
              pred_inputs.replace("{C}/twin/static/static_sar_grid.tif", "{C}/outputs/static_copy.tif"), "--date",
              pred_date, "--out", "{C}/outputs/static_copy.tif"], "error", contains=["static_copy.tif"])
        case("out-predict-out-is-fifo", "output",
             ["predict", "--model", "{C}/bundles/pristine", "--inputs", pred_inputs, "--date", pred_date, "--out",
              "{C}/outputs/fifo"], "error", contains=["fifo"], timeout=20)
        case("out-predict-out-existing-dir", "output",
             ["predict", "--model", "{C}/bundles/pristine", "--inputs", pred_inputs, "--date", pred_date, "--out",
              "{C}/outputs/existing_dir"], "error", contains=["existing_dir"],
             extra_inputs=["{C}/outputs/existing_dir"])
        case("out-predict-out-is-bundle-json", "output",
             ["predict", "--model", "{C}/bundles/pristine", "--inputs", pred_inputs, "--date", pred_date, "--out",
              "{C}/bundles/pristine/bundle.json"], "error", contains=["bundle.json"])
    return n


# ------------------------------------------------------------------------------------- signals
def signals(C, have_twin):
    P = ["validate", "--reference", "{C}/csv/pristine.csv", "--reference-column", "sm", "--candidate",
         "{C}/csv/candidate.csv", "--candidate-column", "sm", "--bootstrap", "100000", "--pairs-out",
         "{OUT}/pairs.csv", "--json"]
    for sig in ("SIGINT", "SIGTERM", "SIGHUP"):
        case("signal-demo-" + sig, "signal", ["demo", "--out", "{OUT}/twin", "--preset", "small"], "interrupted",
             signal={"name": sig, "after": 1.5}, absent_if_failed=["{OUT}/twin/twin.json"], timeout=60)
        case("signal-validate-" + sig, "signal", P, "interrupted", signal={"name": sig, "after": 1.5},
             absent_if_failed=["{OUT}/pairs.csv"])
    if have_twin:
        case("signal-train-SIGINT", "signal",
             ["train", "--project", "{C}/twin/projects/bad_pristine.soilscope.json", "--generic", "--device", "cpu",
              "--threads", "1", "--set", "training.epochs=500"], "interrupted", signal={"name": "SIGINT", "after": 1.0},
             timeout=60)
    case("signal-stdout-closed", "signal", ["stations", "--input", "{C}/zips/pristine.zip", "--json"],
         "interrupted", stdout="closed_pipe")
    case("signal-stdout-dev-full", "signal", ["stations", "--input", "{C}/zips/pristine.zip", "--json"], "error",
         contains=[["stdout", "standard output", "write", "space"]], stdout="/dev/full")


# ------------------------------------------------------------------------------- numeric options
def numeric(C, have_twin, pred_inputs):
    V = ["validate", "--reference", "{C}/csv/pristine.csv", "--reference-column", "sm", "--candidate",
         "{C}/csv/candidate.csv", "--candidate-column", "sm", "--json"]
    bad = {"--bootstrap": ["-1", "1e300", ""], "--alpha": ["nan"], "--anomaly-window": ["-5"],
           "--window": ["nan", "-1h"], "--seed": ["-1"], "--max-distance": ["inf"]}
    for opt, vals in bad.items():
        for val in vals:
            extra = []
            if opt == "--anomaly-window":
                extra = ["--anomalies", "moving"]
            case("num-validate%s=%s" % (opt, val or "empty"), "numeric", V + extra + [opt, val], "error",
                 contains=[opt.lstrip("-")])
    # --lat matters for a raster series read at a point
    case("num-validate--lat=-1e300", "numeric",
         ["validate", "--reference", "{DATA}/rasters/test_stageiv_xyt.nc", "--lon", "-100", "--lat", "-1e300",
          "--candidate", "{C}/csv/pristine.csv", "--candidate-column", "sm", "--json"], "error",
         contains=[["lat", "outside"]])
    SU = ["summarize", "--input", "{C}/csv/pristine.csv", "--out", "{OUT}/s", "--json"]
    for opt, vals in (("--kde-points", ("0", "1e300")), ("--x-bins", ("-3",)), ("--y-bins", ("nan",))):
        for val in vals:
            case("num-summarize%s=%s" % (opt, val), "numeric", SU + [opt, val], "error", contains=[opt.lstrip("-")])
    SP = ["spectrum", "--input", "{C}/csv/pristine.csv", "--column", "sm", "--json"]
    for opt, vals in {"--departure-factor": ["nan"], "--max-lag": ["-1"], "--segment": ["1e300"]}.items():
        for val in vals:
            case("num-spectrum%s=%s" % (opt, val), "numeric", SP + [opt, val], "error", contains=[opt.lstrip("-")])
    # --k-min/--k-max matter for maps
    SPM = ["spectrum", "--input", "{DATA}/rasters/elev.tif", "--kind", "map", "--band", "1", "--json"]
    for opt, val in (("--k-min", "-1"), ("--k-max", "nan"), ("--max-lag", "1e300")):
        case("num-spectrum-map%s=%s" % (opt, val), "numeric", SPM + [opt, val], "error", contains=[opt.lstrip("-")])
    ST = ["stations", "--input", "{C}/zips/pristine.zip", "--json"]
    for opt, vals in {"--count": ["-1"], "--depth-min": ["nan"], "--near": ["nan,inf", "1e300,0"]}.items():
        for val in vals:
            case("num-stations%s=%s" % (opt, val), "numeric", ST + [opt, val], "error", contains=[opt.lstrip("-")])
    case("num-stations-depth-inverted", "numeric", ST + ["--depth-min", "1", "--depth-max", "0"], "either",
         contains=["depth"], checks=[chk("sensors", "len==", 0)])
    SW = ["swi-series", "--input", "{C}/csv/pristine.csv", "--input-column", "sm", "--out", "{OUT}/swi.csv"]
    for val in ("nan", "-5", "0"):
        case("num-swi--t-days=%s" % val, "numeric", SW + ["--t-days", val], "error", contains=["t-days"],
             absent_if_failed=["{OUT}/swi.csv"])
    for val in ("nan",):
        case("num-swi--max-distance=%s" % val, "numeric", SW + ["--max-distance", val], "error",
             contains=["max-distance"])
    P2G = ["product-to-grid", "--input", "{DATA}/products/TUW_METOP_ASCAT_WARP55R12_1358.nc", "--from", "2012-06-01",
           "--to", "2012-06-02", "--out", "{OUT}/g.tif"]
    for opt, val in (("--resolution", "nan"), ("--resolution", "1e-300"), ("--radius", "inf"),
                     ("--bbox", "nan,43,8,45"), ("--bbox", "8,45,5,43")):
        extra = [] if opt == "--bbox" else ["--bbox", "5,43,8,45"]
        case("num-p2g%s=%s" % (opt, val), "numeric", P2G + extra + [opt, val], "error", contains=[opt.lstrip("-")],
             absent_if_failed=["{OUT}/g.tif"])
    case("num-p2g-tiny-resolution-in-range", "numeric", P2G + ["--bbox", "-180,-90,180,90", "--resolution", "0.001"],
         "error", contains=[["resolution", "bbox", "too large", "pixels"]], absent_if_failed=["{OUT}/g.tif"], timeout=60)
    IN = ["intraday", "--product", "{C}/twin/cci/cci_sm_daily_0p25deg.nc", "--product-variable", "sm", "--reference",
          "{C}/twin/reanalysis/reanalysis_hourly_0p25deg.nc", "--out", "{OUT}/i"]
    if have_twin:
        for opt, val in (("--min-observations", "0"), ("--thresholds", "1,inf"), ("--tolerance", "-30min"),
                         ("--conditions", "pt>nan")):
            case("num-intraday%s=%s" % (opt, val), "numeric", IN + [opt, val], "error", contains=[opt.lstrip("-")])
        T = ["train", "--project", "{C}/twin/projects/bad_pristine.soilscope.json", "--generic", "--quick",
             "--device", "cpu", "--threads", "1", "--json"]
        for kv in ("training.epochs=1e300", "training.batch_size=0", "training.optimizer.lr=nan",
                   "split.test_fraction=1e300", "training.epoch=3"):
            key = kv.split("=")[0]
            case("num-train--set-%s" % kv, "numeric", T + ["--set", kv], "error", contains=[key],
                 extra_inputs=["{C}/twin/sentinel1", "{C}/twin/static"])
        # in range, but training diverges: a clean error naming the cause, or finite metrics — never NaN metrics
        for kv in ("model.family=mlp\ntraining.optimizer.lr=1e300", "model.family=mlp\ntraining.optimizer.lr=inf",
                   "model.family=mlp\ntraining.optimizer.eps=0\ntraining.optimizer.lr=1e6"):
            sets = [x for item in kv.split("\n") for x in ("--set", item)]
            case("num-train--set-%s" % kv.replace("\n", ";"), "numeric", T + sets, "either",
                 contains=[["nan", "non-finite", "diverg", "not finite", "lr", "eps", "huber"]],
                 checks=[chk("metrics.rmse", "finite"), chk("metrics.r", "finite_or_null")],
                 extra_inputs=["{C}/twin/sentinel1", "{C}/twin/static"], timeout=60)
        for opt, val in (("--threads", "-1"),):
            case("num-train%s=%s" % (opt, val), "numeric", T + [opt, val], "error", contains=[opt.lstrip("-")])
        SE = ["search", "--project", "{C}/twin/projects/bad_pristine.soilscope.json", "--device", "cpu",
              "--threads", "1", "--json"]
        for opt, val in (("--draws", "0"),
                         ("--space", '{"width": {"min": "nan", "max": 1e300}}'),
                         ("--space", '{"width": {"min": 100, "max": 1}}'), ("--space", "[" * 50000)):
            case("num-search%s=%s" % (opt, val[:30]), "numeric", SE + ["--draws", "1", opt, val] if opt != "--draws"
                 else SE + [opt, val], "error",
                 contains=[[opt.lstrip("-"), "width"]] if opt == "--space" else [opt.lstrip("-")], timeout=60)
        SWP = ["sweep", "--project", "{C}/twin/projects/bad_pristine.soilscope.json", "--device", "cpu", "--threads",
               "1", "--out", "{OUT}/sw", "--json"]
        for opt, val in (("--sizes", "nan"), ("--sizes", "-0.5"), ("--repeats", "1e300")):
            case("num-sweep%s=%s" % (opt, val), "numeric", SWP + [opt, val], "error", contains=[opt.lstrip("-")])
        PR = ["predict", "--model", "{C}/bundles/pristine", "--inputs", pred_inputs, "--out", "{OUT}/p.tif"]
        for val in ("0", "1e300"):
            case("num-predict--tile=%s" % val, "numeric", PR + ["--tile", val], "error", contains=["tile"])
        for val in ("2019-13-45",):
            case("num-predict--date=%s" % val, "numeric", PR + ["--date", val], "error",
                 contains=[["date", val]])
        case("num-runs--run=nan", "numeric", ["runs", "--store", "{OUT}/none.sqlite", "--run", "nan"], "error",
             contains=["run"])
        case("num-runs-store-is-csv", "numeric", ["runs", "--store", "{C}/csv/pristine.csv"], "error",
             contains=["pristine.csv"])
        case("num-runs-store-is-binary", "numeric", ["runs", "--store", "{C}/csv/binary.csv"], "error",
             contains=["binary.csv"])
    case("num-demo--seed=-1", "numeric", ["demo", "--out", "{OUT}/t", "--preset", "tiny", "--seed", "-1"], "error",
         contains=["seed"])
    case("num-demo--fine-cells=2", "numeric", ["demo", "--out", "{OUT}/t", "--preset", "tiny", "--fine-cells", "2"],
         "error", contains=["fine-cells"])
    case("num-unknown-option", "numeric", V + ["--bootstrapp", "10"], "error", contains=["bootstrapp"])
    case("num-missing-value", "numeric", V + ["--bootstrap"], "error", contains=["bootstrap"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("shared")
    ap.add_argument("--cli", help="soilscope-cli, to make the twin and a tiny model bundle")
    a = ap.parse_args()
    C = os.path.abspath(a.out)
    D = os.path.abspath(a.shared)
    if not os.path.isdir(D + "/ismn"):
        raise SystemExit("make_corpus: %s holds no shared data (ismn/ missing)" % D)
    os.makedirs(C, exist_ok=True)
    for entry in os.listdir(C):
        p = os.path.join(C, entry)
        if os.path.isdir(p) and not os.path.islink(p):
            for root, dirs, files in os.walk(p):
                os.chmod(root, 0o755)
            shutil.rmtree(p)
        else:
            os.remove(p)
    counts = {}
    counts["ismn_file"] = ismn_files(C, D)
    counts["ismn_folder"] = ismn_folders(C, D)
    counts["zip"] = zips(C, D)
    counts["csv"] = csvs(C)
    counts["raster"] = rasters(C, D)
    have_twin = bool(a.cli)
    pred_inputs = pred_date = None
    if have_twin:
        counts["project"], data_inputs = projects(C, a.cli)
        counts["bundle"], pred_inputs, pred_date = bundles(C, a.cli, data_inputs)
    counts["output"] = outputs(C, have_twin, pred_inputs, pred_date)
    signals(C, have_twin)
    numeric(C, have_twin, pred_inputs)
    for c in CASES:
        if c["id"] in KNOWN:
            c["known"] = KNOWN[c["id"]]
    doc = {"format": "soilscope-reliability-corpus", "version": 1, "inputs_per_family": counts,
           "inputs": sum(counts.values()), "cases": CASES}
    with open(C + "/cases.json", "w") as f:
        json.dump(doc, f, indent=1)
    print("make_corpus: %d inputs, %d cases in %s" % (doc["inputs"], len(CASES), C))


if __name__ == "__main__":
    main()
