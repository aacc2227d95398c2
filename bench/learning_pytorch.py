#!/usr/bin/python3
"""PyTorch side of bench_learning: the same models, data sizes, batches and thread count as
the LibTorch C++ side. Prints one JSON object on stdout.

usage: learning_pytorch.py --threads N [--only mlp,lstm,locally_connected]
"""
import argparse
import json
import math
import resource
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def median_seconds(repeats, fn):
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def hwm_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def reset_hwm():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def glorot_(t, fan_in, fan_out):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    with torch.no_grad():
        t.uniform_(-limit, limit)


def bench_mlp(args):
    torch.manual_seed(1)
    n, epochs = args.mlp_samples, args.mlp_epochs
    x = torch.randn(n, 14)
    y = torch.sin(x[:, :1]) + 0.1 * x[:, 1:2]
    model = nn.Sequential(nn.Linear(14, 35), nn.ReLU(), nn.Linear(35, 35), nn.ReLU(), nn.Linear(35, 1))
    for m in model:
        if isinstance(m, nn.Linear):
            glorot_(m.weight, m.in_features, m.out_features)
            nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(model.parameters(), lr=5e-4, weight_decay=1e-5)
    batch = 32

    def run():
        model.train()
        for _ in range(epochs):
            perm = torch.randperm(n)
            total = 0.0
            for s in range(0, n, batch):
                idx = perm[s:s + batch]
                xb = x.index_select(0, idx)
                yb = y.index_select(0, idx)
                opt.zero_grad()
                loss = F.mse_loss(model(xb), yb)
                loss.backward()
                opt.step()
                total += loss.item() * xb.shape[0]

    sec = median_seconds(args.repeats, run)
    return {"samples_per_s": n * epochs / sec, "seconds": sec}


class SeqNet(nn.Module):
    def __init__(self, features, hidden, layers, dropout):
        super().__init__()
        self.rnn = nn.LSTM(features, hidden, num_layers=layers, batch_first=True, dropout=dropout)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, 1)
        for name, p in self.rnn.named_parameters():
            if name.startswith("weight_ih"):
                glorot_(p, p.shape[1], p.shape[0])
            elif name.startswith("weight_hh"):
                q = torch.empty(p.shape[1], p.shape[0])
                nn.init.orthogonal_(q)
                with torch.no_grad():
                    p.copy_(q.t())
            elif name.startswith("bias_ih"):
                with torch.no_grad():
                    p.zero_()
                    p[hidden:2 * hidden] = 1.0
            else:
                with torch.no_grad():
                    p.zero_()

    def forward(self, x):
        seq, _ = self.rnn(x)
        return self.head(self.drop(seq)).squeeze(-1)


def bench_lstm(args):
    torch.manual_seed(2)
    n, t, p = args.lstm_sequences, args.lstm_steps, args.lstm_features
    x = torch.rand(n, t, p)
    y = x[:, :, 0] * 0.3 + 0.1
    model = SeqNet(p, 16, 2, 0.1)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    l2 = 1e-4
    step = [0]

    def cyclic(it, lo=1e-6, hi=2e-3, half=250):
        cycle = math.floor(1 + it / (2 * half))
        xx = abs(it / half - 2 * cycle + 1)
        return lo + (hi - lo) * max(0.0, 1 - xx)

    def run():
        model.train()
        perm = torch.randperm(n)
        for s in range(n):
            for g in opt.param_groups:
                g["lr"] = cyclic(step[0])
            idx = perm[s:s + 1]
            xb = x.index_select(0, idx)
            yb = y.index_select(0, idx)
            opt.zero_grad()
            loss = (model(xb) - yb).abs().mean()
            reg = sum((w * w).sum() for name, w in model.rnn.named_parameters() if "weight_hh" in name)
            (loss + l2 * reg).backward()
            opt.step()
            loss.item()
            step[0] += 1

    sec = median_seconds(args.repeats, run)
    return {"sequences_per_s": n / sec, "seconds": sec}


class LocallyConnectedUnfold(nn.Module):
    """The usual PyTorch implementation: unfold + per-location batched matmul."""

    def __init__(self, c, h, w, o, k):
        super().__init__()
        self.k, self.h, self.w, self.o = k, h, w, o
        self.weight = nn.Parameter(torch.empty(h * w, c * k * k, o))
        self.bias = nn.Parameter(torch.zeros(o, h, w))
        glorot_(self.weight, c * k * k, o * k * k)

    def forward(self, x):
        b = x.shape[0]
        cols = F.unfold(x, self.k, padding=self.k // 2)      # [b, C·k·k, L]
        out = torch.bmm(cols.permute(2, 0, 1), self.weight)  # [L, b, O]
        return out.permute(1, 2, 0).reshape(b, self.o, self.h, self.w) + self.bias


def bench_locally_connected(args):
    torch.manual_seed(3)
    b, c, h, w, k = 16, 3, 100, 200, 5
    layer = LocallyConnectedUnfold(c, h, w, 1, k)
    x = torch.randn(b, c, h, w)
    target = torch.randn(b, h, w)

    def step():
        layer.zero_grad(set_to_none=False)
        loss = F.mse_loss(layer(x).squeeze(1), target)
        loss.backward()

    # Gradients allocated once, then the high-water mark of one step beyond that state.
    step()
    before = rss_mib()
    reset_hwm()
    step()
    extra = hwm_mib() - before
    sec = median_seconds(args.repeats, step)
    weights = sum(p.numel() for p in layer.parameters()) * 4 / 2**20
    return {"ms": sec * 1000, "extra_memory_mib": extra, "weights_mib": weights}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--only", default="mlp,lstm,locally_connected")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--mlp-samples", type=int, default=16384)
    ap.add_argument("--mlp-epochs", type=int, default=2)
    ap.add_argument("--lstm-sequences", type=int, default=12)
    ap.add_argument("--lstm-steps", type=int, default=883)
    ap.add_argument("--lstm-features", type=int, default=12)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    out = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    only = args.only.split(",")
    # Memory first, before other benchmarks raise the high-water mark.
    if "locally_connected" in only:
        out["locally_connected"] = bench_locally_connected(args)
    if "mlp" in only:
        out["mlp"] = bench_mlp(args)
    if "lstm" in only:
        out["lstm"] = bench_lstm(args)
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
