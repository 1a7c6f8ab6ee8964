#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The performance benchmark of DESIGN.md §5 (run by bench/run-bench.sh).

Generates an N-lead history, then measures in interleaved rounds, each side in
a fresh process measured the same way (bench/measure.py: wall time and peak
RSS of the whole process):

  import     mqlw-bench import   | pandas.read_csv | DuckDB read_csv | memchr pass (floor)
  job        mqlw calibrate (seed 000 model, width-10 buckets, JSON out)
             | the same scoring and bucketing as one DuckDB query
  reopen     mqlw-bench reopen of a project saved from the same history
  what-if    mqlw-bench whatif: one weight changed → rescore → buckets → preview,
             median and p95 of 50, with one pass over a float column as the floor
  threshold  a threshold move alone (median of 10 000)

Medians over the rounds. Nothing here fails a build; it is run by hand."""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

import sql_check

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = '/usr/bin/python3'

TARGETS = {   # DESIGN.md §5
    'import_time_vs_duckdb': 0.33,
    'import_rss_vs_duckdb': 0.4,
    'job_time_vs_duckdb': 0.33,
    'job_rss_vs_duckdb': 1.0,
    'whatif_ms_1m': 5.0,
    'whatif_ms_10m': 60.0,
    'threshold_us': 20.0,
    'reopen_ms': 150.0,
    'reopen_import_ratio': 10.0,
    'rss_10m_gib': 2.5,
}


def keyvalues(path):
    values = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            key, sep, value = line.rstrip('\n').partition('=')
            if sep:
                values[key] = value
    return values


class Runner:
    def __init__(self, tmp, verbose):
        self.tmp = tmp
        self.verbose = verbose
        self.count = 0

    def measure(self, argv, cwd=None):
        """Runs argv under measure.py; returns (its key=value output, wall_s, rss_kib) or None."""
        self.count += 1
        out = os.path.join(self.tmp, f'run{self.count}.out')
        err = os.path.join(self.tmp, f'run{self.count}.err')
        with open(err, 'wb') as errf:
            proc = subprocess.run([PYTHON, os.path.join(SRC, 'bench', 'measure.py'), out, '--'] + argv,
                                  stdout=subprocess.PIPE, stderr=errf, cwd=cwd)
        outer = dict(line.split('=', 1) for line in proc.stdout.decode().split() if '=' in line)
        if proc.returncode != 0:
            with open(err, encoding='utf-8', errors='replace') as f:
                sys.stderr.write(f'bench: {argv[0]} failed:\n{f.read()[-2000:]}')
            return None
        return keyvalues(out), float(outer['wall_s']), int(outer['rss_kib'])


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio(a, b):
    return a / b if a is not None and b else None


def main():
    parser = argparse.ArgumentParser(description='MQL Workbench benchmark (DESIGN.md §5)')
    parser.add_argument('leads', nargs='?', type=int, default=1_000_000)
    parser.add_argument('build_dir', nargs='?',
                        default=os.environ.get('MQLW_BUILD_DIR', os.path.join(SRC, 'build')))
    parser.add_argument('--rounds', type=int, default=5)
    parser.add_argument('--format', choices=['text', 'json', 'json-full'], default='text',
                        help="json: issue #15's object; json-full: also the whole job, memory, SQL check, notes")
    parser.add_argument('--no-duckdb', action='store_true', help='leave the DuckDB peer out')
    parser.add_argument('--no-sql', action='store_true',
                        help='leave out the warehouse check (the model as SQL in DuckDB; long at 10 M leads)')
    args = parser.parse_args()

    bench = os.path.join(args.build_dir, 'bench', 'mqlw-bench')
    cli = os.path.join(args.build_dir, 'src', 'cli', 'mqlw')
    for exe in (bench, cli):
        if not os.access(exe, os.X_OK):
            sys.exit(f'bench: {exe} not found; build first: meson setup BUILD_DIR && ninja -C BUILD_DIR')
    whatif_model = os.environ.get('MQLW_BENCH_MODEL', os.path.join(SRC, 'data', 'samples', 'seed002-two-paths.json'))
    job_model = os.path.join(SRC, 'data', 'samples', 'seed000-points.json')
    log = (lambda *a: print(*a, file=sys.stderr)) if args.format != 'text' else print

    duckdb_dir = None
    notes = []
    if not args.no_duckdb:
        proc = subprocess.run([os.path.join(SRC, 'bench', 'setup-duckdb.sh')], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
        if proc.returncode == 0:
            duckdb_dir = proc.stdout.strip()
            shutil.copy(os.path.join(SRC, 'bench', 'duckdb-bench.mjs'), duckdb_dir)
            shutil.copy(os.path.join(SRC, 'bench', 'duckdb-sql.mjs'), duckdb_dir)
        else:
            notes.append('DuckDB peer skipped: ' + proc.stderr.strip().splitlines()[-1])

    tmp = tempfile.mkdtemp(prefix='mqlw-bench.', dir=os.environ.get('TMPDIR'))
    try:
        run = Runner(tmp, args.format == 'text')
        csv = os.path.join(tmp, f'leads-{args.leads}.csv')
        project = os.path.join(tmp, 'history.mqlw')
        log(f'Generating {args.leads} leads (seed 42)…')
        subprocess.run([cli, 'generate', '--leads', str(args.leads), '--seed', '42', '-o', csv], check=True)
        log('Saving it as a project…')
        subprocess.run([cli, 'project', 'create', project, '--from', csv, '--model', whatif_model],
                       check=True, stdout=subprocess.DEVNULL)
        with open(csv, 'rb') as f:   # warm the page cache: no side pays for the disk
            while f.read(1 << 24):
                pass

        job_argv = [cli, 'calibrate', csv, '--model', job_model, '--buckets', 'width:10',
                    '--threshold', '75', '--format', 'json']
        node = ['node', os.path.join(duckdb_dir, 'duckdb-bench.mjs')] if duckdb_dir else None
        samples = {k: [] for k in ('ours_s', 'ours_rss', 'pandas_s', 'pandas_rss', 'duckdb_s', 'duckdb_rss',
                                   'floor_s', 'job_s', 'job_rss', 'duckjob_s', 'duckjob_rss', 'reopen_ms',
                                   'reopen_rss', 'whatif_ms', 'whatif_p95_ms', 'whatif_floor_ms', 'whatif_rss',
                                   'whatif_cpu_ms', 'whatif_moved', 'threshold_us')}
        buckets_match = None
        for r in range(args.rounds):
            log(f'Round {r + 1} of {args.rounds}…')
            res = run.measure([bench, 'import', csv])
            if res:
                samples['ours_s'].append(res[1]); samples['ours_rss'].append(res[2])
            res = run.measure([PYTHON, os.path.join(SRC, 'bench', 'pandas_read.py'), csv])
            if res:
                samples['pandas_s'].append(res[1]); samples['pandas_rss'].append(res[2])
            if node:
                res = run.measure(node + ['import', csv], cwd=duckdb_dir)
                if res:
                    samples['duckdb_s'].append(res[1]); samples['duckdb_rss'].append(res[2])
            res = run.measure([bench, 'memchr', csv])
            if res:
                samples['floor_s'].append(float(res[0]['memchr_seconds']))
            res = run.measure(job_argv)
            ours_buckets = None
            if res:
                samples['job_s'].append(res[1]); samples['job_rss'].append(res[2])
                with open(os.path.join(tmp, f'run{run.count}.out'), encoding='utf-8') as f:
                    ours_buckets = [(round(b['lo']), b['leads']) for b in json.load(f)['buckets']
                                    if b['leads'] > 0]   # DuckDB's GROUP BY has no empty groups
            if node:
                res = run.measure(node + ['job', csv], cwd=duckdb_dir)
                if res:
                    samples['duckjob_s'].append(res[1]); samples['duckjob_rss'].append(res[2])
                    theirs = [tuple(int(x) for x in item.split(':')) for item in res[0]['buckets'].split(',')]
                    # Same job: every bucket's lead count agrees.
                    buckets_match = ours_buckets == theirs if ours_buckets is not None else None
            res = run.measure([bench, 'reopen', project])
            if res:
                samples['reopen_ms'].append(float(res[0]['reopen_ms'])); samples['reopen_rss'].append(res[2])
            # What-if steps (50 a run) and threshold moves (10 000), in the same rounds.
            res = run.measure([bench, 'whatif', csv, whatif_model])
            if res:
                w = res[0]
                for key, name in (('whatif_ms', 'whatif_ms'), ('whatif_p95_ms', 'whatif_p95_ms'),
                                  ('whatif_floor_ms', 'column_pass_ms'), ('whatif_cpu_ms', 'whatif_cpu_ms'),
                                  ('whatif_moved', 'whatif_moved_leads'), ('threshold_us', 'threshold_move_us')):
                    samples[key].append(float(w[name]))
                samples['whatif_rss'].append(res[2])
        sql = sql_check.run(cli, csv, SRC, duckdb_dir, tmp, log) if duckdb_dir and not args.no_sql else None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    m = {k: median(v) for k, v in samples.items()}
    kib = lambda v: v / 1024 if v is not None else None
    result = {
        'leads': args.leads,
        'rounds': args.rounds,
        'cpus': os.cpu_count(),
        'import': {'ours_s': m['ours_s'], 'ours_rss_mib': kib(m['ours_rss']),
                   'pandas_s': m['pandas_s'], 'pandas_rss_mib': kib(m['pandas_rss']),
                   'duckdb_s': m['duckdb_s'], 'duckdb_rss_mib': kib(m['duckdb_rss']),
                   'floor_s': m['floor_s']},
        'job': {'ours_s': m['job_s'], 'ours_rss_mib': kib(m['job_rss']),
                'duckdb_s': m['duckjob_s'], 'duckdb_rss_mib': kib(m['duckjob_rss']),
                'same_buckets': buckets_match},
        'whatif': None if m['whatif_ms'] is None else {
            'median_ms': m['whatif_ms'], 'p95_ms': m['whatif_p95_ms'], 'floor_ms': m['whatif_floor_ms'],
            'cpu_ms': m['whatif_cpu_ms'], 'moved_leads': m['whatif_moved'], 'rss_mib': kib(m['whatif_rss'])},
        'threshold_us': m['threshold_us'],
        'reopen': {'ms': m['reopen_ms'], 'rss_mib': kib(m['reopen_rss']),
                   'import_ratio': ratio(m['ours_s'] * 1e3 if m['ours_s'] else None, m['reopen_ms'])},
        'sql': sql,
        'notes': notes,
    }
    if args.format == 'json':
        json.dump(issue_object(result), sys.stdout, indent=2)
        print()
    elif args.format == 'json-full':
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        print_table(result)
    return 0


def issue_object(r):
    """Exactly the object issue #15 asks for."""
    w = r['whatif'] or {}
    return {
        'leads': r['leads'],
        'import': {k: r['import'][k] for k in ('ours_s', 'ours_rss_mib', 'pandas_s', 'pandas_rss_mib',
                                               'duckdb_s', 'duckdb_rss_mib', 'floor_s')},
        'whatif': {'median_ms': w.get('median_ms'), 'p95_ms': w.get('p95_ms'), 'floor_ms': w.get('floor_ms')},
        'threshold_us': r['threshold_us'],
        'reopen': {'ms': r['reopen']['ms'], 'import_ratio': r['reopen']['import_ratio']},
    }


def print_table(r):
    def fmt(v, unit, digits=3):
        return '—' if v is None else f'{v:.{digits}f} {unit}'

    def verdict(value, target, higher_is_better=False):
        if value is None:
            return ''
        ok = value >= target if higher_is_better else value <= target
        return 'PASS' if ok else 'FAIL'

    rows = []
    i, j, w = r['import'], r['job'], r['whatif']
    big = r['leads'] >= 5_000_000
    rows.append(('Import, whole process', fmt(i['ours_s'], 's'),
                 f"DuckDB {fmt(i['duckdb_s'], 's')}, pandas {fmt(i['pandas_s'], 's')}",
                 ratio(i['ours_s'], i['duckdb_s']), '≤ 0.33× DuckDB', TARGETS['import_time_vs_duckdb']))
    rows.append(('Import peak memory', fmt(i['ours_rss_mib'], 'MiB', 0),
                 f"DuckDB {fmt(i['duckdb_rss_mib'], 'MiB', 0)}, pandas {fmt(i['pandas_rss_mib'], 'MiB', 0)}",
                 ratio(i['ours_rss_mib'], i['duckdb_rss_mib']), '≤ 0.4× DuckDB', TARGETS['import_rss_vs_duckdb']))
    rows.append(('  memchr pass (the floor)', fmt(i['floor_s'], 's'), '', ratio(i['ours_s'], i['floor_s']), '', None))
    rows.append(('Whole job (calibrate)', fmt(j['ours_s'], 's'), f"DuckDB query {fmt(j['duckdb_s'], 's')}",
                 ratio(j['ours_s'], j['duckdb_s']), '≤ 0.33× DuckDB', TARGETS['job_time_vs_duckdb']))
    rows.append(('Whole job peak memory', fmt(j['ours_rss_mib'], 'MiB', 0), f"DuckDB {fmt(j['duckdb_rss_mib'], 'MiB', 0)}",
                 ratio(j['ours_rss_mib'], j['duckdb_rss_mib']), '≤ 1× DuckDB', TARGETS['job_rss_vs_duckdb']))
    if w:
        target = TARGETS['whatif_ms_10m' if big else 'whatif_ms_1m']
        rows.append(('What-if step, median (p95)', f"{w['median_ms']:.3f} ms ({w['p95_ms']:.3f})",
                     f"float pass {w['floor_ms']:.3f} ms; CPU {w['cpu_ms']:.3f} ms", ratio(w['median_ms'], w['floor_ms']),
                     f'≤ {target:g} ms', ('abs', w['median_ms'], target)))
        rows.append(('Threshold move', fmt(r['threshold_us'], 'µs'), '', None, '≤ 20 µs',
                     ('abs', r['threshold_us'], TARGETS['threshold_us'])))
        if big:
            rows.append(('Peak memory (what-if process)', fmt(w['rss_mib'] / 1024, 'GiB', 2), '', None, '≤ 2.5 GiB',
                         ('abs', w['rss_mib'] / 1024, TARGETS['rss_10m_gib'])))
    rows.append(('Reopen a saved project', fmt(r['reopen']['ms'], 'ms', 1), 'import ÷ reopen',
                 r['reopen']['import_ratio'], '≤ 150 ms, ≥ 10×', ('reopen',)))
    print(f"MQL Workbench benchmark: {r['leads']:,} leads, medians of {r['rounds']} interleaved rounds, "
          f"{r['cpus']} CPUs")
    if j['same_buckets'] is not None:
        print('Whole job: DuckDB and mqlw agree on every bucket\'s lead count' if j['same_buckets']
              else 'WARNING: DuckDB and mqlw disagree on the buckets: the job comparison is not like for like')
    print(f"{'Measure':32} {'MQL Workbench':20} {'Peer / floor':36} {'Ratio':>7}  {'Goal':16} Verdict")
    for name, ours, peer, rat, goal, check in rows:
        if check is None:
            v = ''
        elif isinstance(check, tuple) and check[0] == 'abs':
            v = verdict(check[1], check[2])
        elif isinstance(check, tuple) and check[0] == 'reopen':
            ms, rr = r['reopen']['ms'], r['reopen']['import_ratio']
            v = '' if ms is None or rr is None else (
                'PASS' if ms <= TARGETS['reopen_ms'] and rr >= TARGETS['reopen_import_ratio'] else 'FAIL')
        else:
            v = verdict(rat, check)
        print(f"{name:32} {ours:20} {peer:36} {'' if rat is None else f'{rat:.2f}×':>7}  {goal:16} {v}")
    sql = r.get('sql')
    if sql:
        print(f"Warehouse check (DuckDB): {sql['models']} models × {sql['leads']:,} leads, "
              f"{sql['score_mismatches']} score mismatches, aggregate "
              f"{'gives the same buckets and preview' if sql['aggregate_same'] else 'DIFFERS'}; "
              f"score query {median(sql['duckdb_score_s']):.3f} s, aggregate {median(sql['duckdb_aggregate_s']):.3f} s (median)")
    for note in r['notes']:
        print('Note:', note)


if __name__ == '__main__':
    sys.exit(main())
