// SPDX-License-Identifier: GPL-3.0-or-later
// duckdb-sql.mjs — runs the model's DuckDB queries (mqlw export --dialect
// duckdb) where a warehouse would, for bench/sql_check.py (never the test
// suite). The table is the CSV with every column read as text, as a plain
// load leaves it. Needs @duckdb/node-api (bench/setup-duckdb.sh).
//
//   node duckdb-sql.mjs score SCORE.sql FILE.csv CORE.csv
//       runs the score query and compares it in DuckDB with `mqlw score`'s
//       rows (CORE.csv): every lead present on both sides, the score to the
//       cent, grade, mql, path and disqualifier identical
//   node duckdb-sql.mjs aggregate AGGREGATE.sql FILE.csv OUT.csv
//       writes the aggregate query's result as CSV
// Each prints key=value lines.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [mode, sqlFile, csvFile, other] = process.argv.slice(2);
if (!['score', 'aggregate'].includes(mode) || !other) {
  console.error('usage: node duckdb-sql.mjs score|aggregate QUERY.sql FILE.csv CORE.csv|OUT.csv');
  process.exit(2);
}
const quote = (path) => `'${path.replaceAll("'", "''")}'`;
const sql = readFileSync(sqlFile, 'utf8');
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`CREATE TABLE leads AS SELECT * FROM read_csv(${quote(csvFile)}, all_varchar = true, header = true)`);

const start = performance.now();
if (mode === 'score') {
  await con.run(`CREATE TABLE warehouse AS ${sql}`);
  const seconds = (performance.now() - start) / 1e3;
  await con.run(`CREATE TABLE core AS SELECT * FROM read_csv(${quote(other)}, all_varchar = true, header = true)`);
  const rows = (await con.runAndReadAll(`
    SELECT count(*) AS leads,
           count(*) FILTER (WHERE w.lead_id IS NULL OR c.lead_id IS NULL
                            OR (w.score IS NULL) <> (c.score IS NULL)
                            OR round(w.score * 100) <> round(CAST(c.score AS DOUBLE) * 100)
                            OR w.grade <> c.grade OR w.mql <> CAST(c.mql AS INTEGER)
                            OR coalesce(w.path, '') <> coalesce(c.path, '')
                            OR coalesce(w.disqualified, '') <> coalesce(c.disqualified, '')) AS mismatches
    FROM warehouse w FULL JOIN core c ON w.lead_id = c.lead_id`)).getRows();
  console.log(`seconds=${seconds.toFixed(4)}`);
  console.log(`leads=${rows[0][0]}`);
  console.log(`mismatches=${rows[0][1]}`);
} else {
  await con.run(`COPY (${sql}) TO ${quote(other)} (HEADER, DELIMITER ',')`);
  console.log(`seconds=${((performance.now() - start) / 1e3).toFixed(4)}`);
}
console.log(`duckdb_version=${(await con.runAndReadAll('SELECT version()')).getRows()[0][0]}`);
