# SPDX-License-Identifier: GPL-3.0-or-later
"""The warehouse path in the benchmark: each example model's DuckDB queries
(mqlw export --what sql|sql-aggregate --dialect duckdb) run in DuckDB over the
benchmark's history, loaded as text; every lead's score must equal `mqlw
score`'s (to the cent; grade, mql, path, disqualifier identical), and the
aggregate read back with `mqlw calibrate --aggregate` must give the same
buckets and preview as `mqlw calibrate` on the leads. Used by bench.py."""
import glob
import json
import os
import subprocess


def _kv(text):
    return dict(line.split('=', 1) for line in text.splitlines() if '=' in line)


def _calibration(cli, args):
    out = subprocess.run([cli, 'calibrate', *args, '--buckets', 'width:10', '--format', 'json', '-q'],
                         check=True, capture_output=True, text=True).stdout
    doc = json.loads(out)
    doc.pop('source', None)
    return doc


def run(cli, csv, src, duckdb_dir, tmp, log):
    node = ['node', os.path.join(duckdb_dir, 'duckdb-sql.mjs')]
    schema = os.path.join(tmp, 'map.json')
    subprocess.run([cli, 'inspect', csv, '--write-map', schema, '-q'], check=True, stdout=subprocess.DEVNULL)
    result = {'models': 0, 'leads': None, 'score_mismatches': 0, 'aggregate_same': True, 'duckdb_score_s': [],
              'duckdb_aggregate_s': []}
    for model in sorted(glob.glob(os.path.join(src, 'data', 'samples', '*.json'))):
        name = os.path.basename(model)
        log(f'Warehouse check with DuckDB: {name}…')
        stem = os.path.splitext(name)[0]
        paths = {k: os.path.join(tmp, f'{stem}-{k}') for k in ('score.sql', 'aggregate.sql', 'core.csv', 'agg.csv')}
        for what, path in (('sql', paths['score.sql']), ('sql-aggregate', paths['aggregate.sql'])):
            subprocess.run([cli, 'export', model, '--what', what, '--dialect', 'duckdb', '--map', schema,
                            '--output', path], check=True)
        with open(paths['core.csv'], 'w') as out:
            subprocess.run([cli, 'score', csv, '--model', model, '-q'], check=True, stdout=out)
        score = _kv(subprocess.run(node + ['score', paths['score.sql'], csv, paths['core.csv']], check=True,
                                   capture_output=True, text=True, cwd=duckdb_dir).stdout)
        agg = _kv(subprocess.run(node + ['aggregate', paths['aggregate.sql'], csv, paths['agg.csv']], check=True,
                                 capture_output=True, text=True, cwd=duckdb_dir).stdout)
        same = (_calibration(cli, ['--aggregate', paths['agg.csv'], '--model', model]) ==
                _calibration(cli, [csv, '--model', model]))
        result['models'] += 1
        result['leads'] = int(score['leads'])
        result['score_mismatches'] += int(score['mismatches'])
        result['aggregate_same'] = result['aggregate_same'] and same
        result['duckdb_score_s'].append(float(score['seconds']))
        result['duckdb_aggregate_s'].append(float(agg['seconds']))
        for path in paths.values():
            if os.path.exists(path):
                os.remove(path)
    return result
