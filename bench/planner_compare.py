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
                                     [--women 40 --cap 210] [--time-limit 300] [--nodes 1000]

With --women (a share of every group's positions, in percent) or --cap (people per
agency) each contested instance is solved once more under those limits, by Bluehelm and
by HiGHS: the mixed-integer program (a binary per eligible pair; each position and
candidate at most once; at least K women per group; at most M per agency; maximise
filled × (highest score × positions + 1) + score) through highspy, with the time limit.
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
PEERS = ["numpy", "scipy", "ortools", "highspy"]
DENSE_LIMIT = 50_000_000  # cells of a dense cost matrix (400 MB of float64)


def venv_python():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        venv.create(VENV, with_pip=True)
    missing = subprocess.run([python, "-c", "import " + ", ".join(PEERS)], capture_output=True).returncode
    if missing:
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
    elif name in ("highs", "highs-lp"):
        relaxed = name == "highs-lp"
        filled, score, bound = solve_highs(folder, n, m, rows, cols, scores, top, relaxed)
        seconds = time.perf_counter() - started
        print(json.dumps({"filled": filled, "score": score, "bound": bound, "seconds": seconds, "peak_kib": peak_kib()}))
        return
    else:
        raise SystemExit(f"unknown peer {name}")
    seconds = time.perf_counter() - started
    print(json.dumps({"filled": filled, "score": score, "seconds": seconds, "peak_kib": peak_kib()}))


def solve_highs(folder, n, m, rows, cols, scores, top, relaxed=False):
    """The problem with its limits as a mixed-integer program; returns the best plan found
    (filled, score) or (None, None), and the proven bound on the score when the time limit
    stopped it. `relaxed`: its linear relaxation instead (interior point), whose optimum
    is the best bound any Lagrangian of these limits can prove; returned as the bound."""
    import numpy as np
    import highspy

    def column(name, file):
        with open(os.path.join(folder, file)) as f:
            header = next(f).rstrip("\n").split(",")
            at = header.index(name)
            return [line.rstrip("\n").split(",")[at] for line in f]

    groups = column("group", "positions.csv")
    genders = column("gender", "candidates.csv")
    agencies = column("agency", "candidates.csv")
    candidate_index = {c: i for i, c in enumerate(column("candidate", "candidates.csv"))}
    limits = []
    with open(os.path.join(folder, "limits.csv")) as f:
        next(f)
        limits = [line.rstrip("\n").split(",") for line in f]
    fill = top * min(n, m) + 1
    pairs = len(rows)
    woman = np.array([g == "female" for g in genders])
    # Rows: positions, candidates, then one per limit.
    row_index = [rows, n + cols]
    lower = [np.full(n + m, -highspy.kHighsInf)]
    upper = [np.ones(n + m)]
    group_of = np.array(groups)[rows]
    agency_of = np.array(agencies)[cols]
    extra = n + m
    coefficients = []
    for kind, target, value in limits:
        coefficient = None
        if kind == "min_women":
            chosen = np.nonzero((group_of == target) & woman[cols])[0]
            lower.append(np.array([float(value)]))
            upper.append(np.array([highspy.kHighsInf]))
        elif kind == "max_agency":
            chosen = np.nonzero(agency_of == target)[0]
            lower.append(np.array([-highspy.kHighsInf]))
            upper.append(np.array([float(value)]))
        else:
            # together: the first's pairs minus the second's = 0; apart: their sum <= 1.
            first, second = candidate_index[target], candidate_index[value]
            of_first = np.nonzero(cols == first)[0]
            of_second = np.nonzero(cols == second)[0]
            chosen = np.concatenate([of_first, of_second])
            sign = -1.0 if kind == "together" else 1.0
            coefficient = np.concatenate([np.ones(len(of_first)), np.full(len(of_second), sign)])
            lower.append(np.array([0.0 if kind == "together" else -highspy.kHighsInf]))
            upper.append(np.array([0.0 if kind == "together" else 1.0]))
        coefficients.append(np.ones(len(chosen)) if coefficient is None else coefficient)
        row_index.append((extra, chosen))
        extra += 1
    # Column-wise matrix: each pair is in its position's row, its candidate's row and the
    # rows of the limits it counts towards.
    entries_col = [np.arange(pairs), np.arange(pairs)]
    entries_row = [rows, n + cols]
    entries_value = [np.ones(pairs), np.ones(pairs)]
    for (at, chosen), coefficient in zip(row_index[2:], coefficients):
        entries_col.append(chosen)
        entries_row.append(np.full(len(chosen), at))
        entries_value.append(coefficient)
    col = np.concatenate(entries_col)
    row = np.concatenate(entries_row)
    value = np.concatenate(entries_value)
    order = np.lexsort((row, col))
    col, row, value = col[order], row[order], value[order]
    start = np.searchsorted(col, np.arange(pairs + 1))
    lp = highspy.HighsLp()
    lp.num_col_ = pairs
    lp.num_row_ = extra
    lp.col_cost_ = (fill + scores).astype(float)
    lp.col_lower_ = np.zeros(pairs)
    lp.col_upper_ = np.ones(pairs)
    lp.row_lower_ = np.concatenate(lower)
    lp.row_upper_ = np.concatenate(upper)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = start.astype(np.int32)
    lp.a_matrix_.index_ = row.astype(np.int32)
    lp.a_matrix_.value_ = value
    if not relaxed:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * pairs
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(os.environ.get("HIGHS_TIME_LIMIT", "300")))
    h.setOptionValue("threads", 1)
    # Its default stops within 0.01 % of the optimum — thousands of points at these
    # objective sizes; the comparison needs the optimum itself.
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.5)
    if relaxed:
        h.setOptionValue("solver", "ipm")
    h.passModel(lp)
    h.run()
    info = h.getInfo()
    if relaxed:
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None, None, None
        value = info.objective_function_value
        filled = int((value + 0.5) // fill)
        return filled, None, round(value - filled * fill, 3)
    # The bound in the files' terms: the score no plan with that many filled can exceed.
    dual = info.mip_dual_bound
    bound = int(dual - (dual // fill) * fill + 1e-6) if dual == dual and abs(dual) != float("inf") else None
    if info.primal_solution_status != 2:
        return None, None, bound
    value = round(info.objective_function_value)
    return value // fill, value % fill, bound


def run_bluehelm(binary, folder):
    out = subprocess.run(
        ["/usr/bin/env", binary, "plan", "solve", "--instance", folder,
         "--node-limit", os.environ.get("BLUEHELM_NODES", "1000")],
        capture_output=True, text=True, check=True,
    ).stdout
    fields = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    bound = fields["score"].split("the proven bound: ")[-1].rstrip(")")
    return {
        "filled": int(fields["filled"].split()[0]),
        "score": int(fields["score"].split()[0]),
        "bound": int(bound) if bound.isdigit() else None,
        "seconds": float(fields["time"].split()[0]),
        "peak_kib": usage,
        "status": fields["status"],
    }


def compare_with_limits(args, python, binary, plain_folder, n, m, label):
    """The contested instance again with limits: Bluehelm against HiGHS's MIP, and the
    bounds against the linear relaxation's optimum (the best a Lagrangian bound can be)."""
    folder = plain_folder + "-limits"
    generate = [binary, "plan", "generate", "--positions", str(n), "--candidates", str(m),
                "--density", str(args.density), "--contested", "--output", folder]
    if args.women is not None:
        generate += ["--women-percent", str(args.women)]
    if args.cap is not None:
        generate += ["--agency-cap", str(args.cap)]
    subprocess.run(generate, check=True, capture_output=True)
    label = f"{label} + limits"
    results = {}
    for peer in ["bluehelm", "highs", "highs-lp"]:
        done = subprocess.run([python, __file__, "--peer", peer, "--instance", folder],
                              capture_output=True, text=True,
                              env={**os.environ, "BLUEHELM_BINARY": binary,
                                   "BLUEHELM_NODES": str(args.nodes),
                                   "HIGHS_TIME_LIMIT": str(args.time_limit)})
        if done.returncode == 0:
            results[peer] = json.loads(done.stdout.strip().splitlines()[-1])
        else:
            results[peer] = {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    ours, highs = results["bluehelm"], results["highs"]
    for solver, r in results.items():
        if "error" in r:
            print(f"{label:<28} {solver:<14} {r['error']}")
            continue
        extra = r.get("status", "")
        if r.get("bound") is not None:
            extra += f" (bound {r['bound']})"
        if solver == "highs-lp":
            extra = "linear relaxation" + ("" if r["bound"] is None else f": {r['bound']}")
        elif solver == "highs":
            proven = r["filled"] is not None and r.get("bound") is not None and r["seconds"] < args.time_limit
            extra = "optimal" if proven else f"stopped at {args.time_limit} s"
        ratio = f"{r['seconds'] / highs['seconds']:.2f}" if "seconds" in highs and highs["seconds"] else "-"
        filled = "-" if r["filled"] is None else r["filled"]
        score = "-" if r["score"] is None else r["score"]
        print(f"{label:<28} {solver:<14} {filled:>7} {score:>12} {r['seconds']:>9.3f} {r['peak_kib'] / 1024:>9.0f} {ratio:>11}  {extra}")
    both_done = "error" not in ours and "error" not in highs and highs.get("filled") is not None
    if both_done and ours.get("status") == "optimal" and highs["seconds"] < args.time_limit:
        if (ours["filled"], ours["score"]) != (highs["filled"], highs["score"]):
            print(f"{label:<28} DISAGREES with HiGHS")
            return 1
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500x5000,2000x20000")
    parser.add_argument("--density", type=int, default=2)
    parser.add_argument("--women", type=int, help="women per group, in percent")
    parser.add_argument("--cap", type=int, help="people per agency")
    parser.add_argument("--time-limit", type=int, default=300, help="seconds for HiGHS")
    parser.add_argument("--nodes", type=int, default=1000, help="Bluehelm's node budget with limits")
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
        for family in ("random", "contested", "skewed"):
            contested = family == "contested"
            label = f"{n}x{m} {family}"
            folder = os.path.join(work, label.replace(" ", "-"))
            generate = [binary, "plan", "generate", "--positions", str(n), "--candidates", str(m),
                        "--density", str(args.density), "--output", folder]
            if family != "random":
                generate.append(f"--{family}")
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
            if contested and (args.women is not None or args.cap is not None):
                disagreements += compare_with_limits(args, python, binary, folder, n, m, label)
    if disagreements:
        print(f"{disagreements} results disagree with Bluehelm's optimum")
        sys.exit(1)
    print("every solver reached the same optimum")


if __name__ == "__main__":
    main()
