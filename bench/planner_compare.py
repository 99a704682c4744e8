#!/usr/bin/env python3
"""Compare Bluehelm's planner with general-purpose solvers on the same instance files.

For each size it writes a synthetic instance with `bluehelm plan generate`, solves it with
`bluehelm plan solve` and with scipy (`linear_sum_assignment` on a dense matrix where it
fits in memory, `min_weight_full_bipartite_matching` on the sparse one) and OR-Tools
(`SimpleMinCostFlow.SolveMaxFlowWithMinCost`), checks that every solver reaches the same
optimum (positions filled, then total score), and prints time and peak memory side by
side with the ratio to the best peer. Each solver runs in its own process, so its peak
memory is its own.

The peers are installed from PyPI into bench/.venv on first use.

    python3 bench/planner_compare.py [--sizes 500x5000,2000x20000] [--density 2]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "bench", ".venv")
PEERS = ["numpy", "scipy", "ortools"]
DENSE_LIMIT = 50_000_000  # cells of a dense cost matrix (400 MB of float64)


def venv_python():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        venv.create(VENV, with_pip=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", *PEERS], check=True)
    return python


def bluehelm():
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "bluehelm"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "release", "bluehelm")


def peak_kib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def read_instance(folder):
    import numpy as np

    def ids(name):
        with open(os.path.join(folder, name)) as f:
            next(f)
            return {line.split(",", 1)[0]: i for i, line in enumerate(f)}

    positions = ids("positions.csv")
    candidates = ids("candidates.csv")
    rows, cols, scores = [], [], []
    with open(os.path.join(folder, "pairs.csv")) as f:
        next(f)
        for line in f:
            p, c, s = line.rstrip("\n").split(",")
            rows.append(positions[p])
            cols.append(candidates[c])
            scores.append(int(s))
    return len(positions), len(candidates), np.array(rows), np.array(cols), np.array(scores, dtype=np.int64)


def run_peer(name, folder):
    """Solves one instance with one peer; prints its result as JSON."""
    if name == "bluehelm":
        # Its own process, so the peak is the solver's alone; the time is its solve time.
        result = run_bluehelm(os.environ["BLUEHELM_BINARY"], folder)
        print(json.dumps(result))
        return
    import numpy as np

    n, m, rows, cols, scores = read_instance(folder)
    top = int(scores.max()) if len(scores) else 0
    started = time.perf_counter()
    if name == "scipy-dense":
        from scipy.optimize import linear_sum_assignment

        # Filling a position is worth more than any total of scores, so the maximum of the
        # weights is the lexicographic optimum; ineligible cells are worth nothing.
        big = (top + 1) * n + 1
        weight = np.zeros((n, m))
        weight[rows, cols] = scores + big
        r, c = linear_sum_assignment(weight, maximize=True)
        chosen = weight[r, c]
        filled = int((chosen > 0).sum())
        score = int(chosen[chosen > 0].sum() - filled * big)
    elif name == "scipy-sparse":
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import min_weight_full_bipartite_matching

        # Needs every position filled; costs must be positive.
        matrix = csr_matrix(((top + 1 - scores).astype(float), (rows, cols)), shape=(n, m))
        r, c = min_weight_full_bipartite_matching(matrix)
        filled = len(r)
        score = int(((top + 1) - np.asarray(matrix[r, c]).ravel()).sum())
    elif name == "ortools":
        from ortools.graph.python import min_cost_flow

        flow = min_cost_flow.SimpleMinCostFlow()
        source, sink = n + m, n + m + 1
        flow.add_arcs_with_capacity_and_unit_cost(np.full(n, source), np.arange(n), np.ones(n, dtype=np.int64), np.zeros(n, dtype=np.int64))
        flow.add_arcs_with_capacity_and_unit_cost(rows, cols + n, np.ones(len(rows), dtype=np.int64), top - scores)
        flow.add_arcs_with_capacity_and_unit_cost(np.arange(m) + n, np.full(m, sink), np.ones(m, dtype=np.int64), np.zeros(m, dtype=np.int64))
        flow.set_node_supply(source, n)
        flow.set_node_supply(sink, -n)
        status = flow.solve_max_flow_with_min_cost()
        assert status == flow.OPTIMAL, status
        filled = int(flow.maximum_flow())
        score = filled * top - int(flow.optimal_cost())
    else:
        raise SystemExit(f"unknown peer {name}")
    seconds = time.perf_counter() - started
    print(json.dumps({"filled": filled, "score": score, "seconds": seconds, "peak_kib": peak_kib()}))


def run_bluehelm(binary, folder):
    out = subprocess.run(
        ["/usr/bin/env", binary, "plan", "solve", "--instance", folder],
        capture_output=True, text=True, check=True,
    ).stdout
    fields = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "filled": int(fields["filled"].split()[0]),
        "score": int(fields["score"].split()[0]),
        "seconds": float(fields["time"].split()[0]),
        "peak_kib": usage,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500x5000,2000x20000")
    parser.add_argument("--density", type=int, default=2)
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("--instance", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        run_peer(args.peer, args.instance)
        return
    python = venv_python()
    binary = bluehelm()
    work = os.path.join(ROOT, "target", "planner-instances")
    disagreements = 0
    print(f"{'instance':<28} {'solver':<14} {'filled':>7} {'score':>12} {'seconds':>9} {'peak MiB':>9} {'× best peer':>11}")
    for size in args.sizes.split(","):
        n, m = (int(x) for x in size.split("x"))
        for contested in (False, True):
            label = f"{n}x{m} {'contested' if contested else 'random'}"
            folder = os.path.join(work, label.replace(" ", "-"))
            generate = [binary, "plan", "generate", "--positions", str(n), "--candidates", str(m),
                        "--density", str(args.density), "--output", folder]
            if contested:
                generate.append("--contested")
            subprocess.run(generate, check=True, capture_output=True)
            results = {}
            peers = ["scipy-sparse", "ortools"] + (["scipy-dense"] if n * m <= DENSE_LIMIT else [])
            for peer in ["bluehelm"] + peers:
                done = subprocess.run([python, __file__, "--peer", peer, "--instance", folder],
                                      capture_output=True, text=True,
                                      env={**os.environ, "BLUEHELM_BINARY": binary})
                if done.returncode == 0:
                    results[peer] = json.loads(done.stdout.strip().splitlines()[-1])
                else:
                    results[peer] = {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
            ours = results["bluehelm"]
            timed = [r["seconds"] for k, r in results.items() if k != "bluehelm" and "seconds" in r]
            best_peer = min(timed) if timed else None
            for solver, r in results.items():
                if "error" in r:
                    print(f"{label:<28} {solver:<14} {r['error']}")
                    continue
                agree = (r["filled"], r["score"]) == (ours["filled"], ours["score"])
                if not agree:
                    disagreements += 1
                ratio = f"{r['seconds'] / best_peer:.2f}" if best_peer else "-"
                mark = "" if agree else "  DISAGREES"
                print(f"{label:<28} {solver:<14} {r['filled']:>7} {r['score']:>12} {r['seconds']:>9.3f} {r['peak_kib'] / 1024:>9.0f} {ratio:>11}{mark}")
    if disagreements:
        print(f"{disagreements} results disagree with Bluehelm's optimum")
        sys.exit(1)
    print("every solver reached the same optimum")


if __name__ == "__main__":
    main()
