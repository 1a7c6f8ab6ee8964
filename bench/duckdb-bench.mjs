// SPDX-License-Identifier: GPL-3.0-or-later
// duckdb-bench.mjs — DuckDB, the strongest peer of DESIGN.md §5, driven by
// bench/run-bench.sh (never by the test suite). Needs @duckdb/node-api, which
// bench/setup-duckdb.sh installs into a cache folder outside the source tree.
//
//   node duckdb-bench.mjs import FILE   read_csv into a table (DuckDB's CSV reader)
//   node duckdb-bench.mjs job FILE      the whole calibration job as one query:
//                                       read the CSV, score every lead with the
//                                       seed 000 point table, bucket by width 10,
//                                       count leads and funnel outcomes per bucket
// Each prints key=value lines; `buckets` is "lo:leads,…" so that the driver can
// check that DuckDB and mqlw computed the same buckets.
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, file] = process.argv.slice(2);
if (!['import', 'job'].includes(mode) || !file) {
  console.error('usage: node duckdb-bench.mjs import|job FILE');
  process.exit(2);
}

const quoted = `'${file.replaceAll("'", "''")}'`;
// data/samples/seed000-points.json, rule by rule: seniority in (VP, C-level)
// +15; company_size >= 200 +10; e-mail domain edu (or a subdomain of it) -50;
// company_size <= 49 -30; 30 a demo request, 20 a pricing page view, no cap,
// no decay. Rounded to 0.01 as the core does (every term is whole here).
const score = `
  (CASE WHEN lower(seniority) IN ('vp', 'c-level') THEN 15 ELSE 0 END
   + CASE WHEN company_size >= 200 THEN 10 ELSE 0 END
   + CASE WHEN lower(split_part(email, '@', 2)) = 'edu'
            OR lower(split_part(email, '@', 2)) LIKE '%.edu' THEN -50 ELSE 0 END
   + CASE WHEN company_size <= 49 THEN -30 ELSE 0 END
   + 30 * coalesce(demo_requests, 0) + 20 * coalesce(pricing_page_views, 0))`;
const reached = (col) => `CASE WHEN lower(CAST(${col} AS VARCHAR)) IN ('1', 'yes', 'true', 'accepted') THEN 1 ELSE 0 END`;
const job = `
  WITH scored AS (
    SELECT ${score} AS score, ${reached('sal')} AS sal, ${reached('sql')} AS sql_,
           ${reached('opportunity')} AS opp, ${reached('won')} AS won
    FROM read_csv(${quoted}))
  SELECT CAST(floor(score / 10) * 10 AS BIGINT) AS lo, count(*) AS leads,
         sum(sal) AS sal, sum(sql_) AS sql_, sum(opp) AS opp, sum(won) AS won
  FROM scored GROUP BY 1 ORDER BY 1`;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const start = performance.now();
if (mode === 'import') {
  await con.run(`CREATE TABLE leads AS SELECT * FROM read_csv(${quoted})`);
  const rows = (await con.runAndReadAll('SELECT count(*) FROM leads')).getRows();
  console.log(`seconds=${((performance.now() - start) / 1e3).toFixed(4)}`);
  console.log(`rows=${rows[0][0]}`);
} else {
  const rows = (await con.runAndReadAll(job)).getRows();
  console.log(`seconds=${((performance.now() - start) / 1e3).toFixed(4)}`);
  console.log(`buckets=${rows.map((r) => `${r[0]}:${r[1]}`).join(',')}`);
}
console.log(`duckdb_version=${(await con.runAndReadAll('SELECT version()')).getRows()[0][0]}`);
