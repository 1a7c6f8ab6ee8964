/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-sql.h — the agreed model as SQL, so that a warehouse scores every lead
 * and returns the calibration aggregate the workbench reads (DESIGN §8).
 *
 * Each query is one SELECT (common table expressions, no other statement)
 * over one table that may hold every column as text, as a plain CSV load
 * leaves it (empty fields NULL or ''); the query reads each value as the
 * import does (mqlw-import.h: spaces and tabs trimmed, numbers, yes/no words,
 * ISO and day/month dates, the lifecycle stage table) and scores it exactly
 * as the scorer does (mqlw-model.h, mqlw-scorer.c): fit points in whole
 * hundredths, each behaviour contribution round (clamp (points × count, ±cap)
 * × 100 × decay) half away from zero with the decay percentage held as the
 * scorer holds it (a single-precision float), totals rounded the same way,
 * grades, multipliers, paths and disqualifiers, with the scorer's own
 * integer comparisons for the threshold, grade bands and behaviour minimum.
 *
 * SCORE returns one row per lead:
 *   lead_id (the lead id column, else the e-mail), score (NULL: unscored),
 *   grade (A–D), mql (0/1), path (the paths passed: "score", "grade_behaviour",
 *   "hand_raiser", joined by '+'; NULL for a lead that is no MQL),
 *   disqualified (the id of the first disqualifier that hit, else NULL)
 * — the columns `mqlw score` writes from the core, row for row.
 *
 * AGGREGATE returns the calibration aggregate (mqlw-aggregate.h), one row per
 *   score_key (score × 100, NULL for unscored leads), created_month (YYYYMM,
 *   NULL without a created date), disqualified (0/1), fixed_paths (the paths
 *   that do not depend on the threshold a lead passes: 2 grade+behaviour,
 *   4 hand-raiser, summed), ordered by those four; then leads and, for each
 *   stage the data has, STAGE_known and STAGE_reached, and won_amount (the
 *   deal amounts of won leads) when the data has a deal amount. Outcomes
 *   follow the import's funnel rules: a reached stage implies the earlier
 *   ones, a known "not reached" implies the later ones are not reached,
 *   unknown is never a failure.
 *
 * SAMPLE returns a stratified sample of the table's own rows (every column,
 * as stored) for the what-if on weights, which needs leads: about
 * @sample_size leads, each stratum (10-point score band × the SQL outcome, or
 * the first stage the data has) in proportion, at least one lead each, picked
 * evenly in lead id order so that the same table gives the same sample.
 *
 * What the query reads comes from a schema: a MqlwMapping whose columns
 * give every column's type and role, in table order (`mqlw inspect
 * --write-map`, or a project's dataset), with its date order and stage
 * values. The model is checked against it as the scorer checks a dataset.
 * Not in SQL: outcomes from a second file (load them into the table). Text is
 * compared in lower case: a value equals a word when its letters, each
 * lowered as g_utf8_strdown () lowers it, equal the word's. The dialect's
 * LOWER() does so; SQLite's folds A–Z only, so its queries also fold, per
 * column, the capitals of the letters beyond ASCII that the column's words
 * hold (mqlw-sql-fold.c: "MÜLLER.DE" matches "müller.de" there too). Lead
 * ids come back as text, a number id as its whole number written out. */
#pragma once

#include "mqlw-mapping.h"
#include "mqlw-model.h"
#include "mqlw-sql-dialect.h"

G_BEGIN_DECLS

#define MQLW_SQL_ERROR (mqlw_sql_error_quark ())
typedef enum {
  MQLW_SQL_ERROR_NO_LEAD_ID = 1,   /* the table has no lead id or e-mail column */
  MQLW_SQL_ERROR_NO_OUTCOME,       /* aggregate/sample: no outcome column */
  MQLW_SQL_ERROR_SECOND_FILE,      /* outcomes read from a second file */
  MQLW_SQL_ERROR_SCHEMA,           /* the schema is not usable (a column named twice, none) */
} MqlwSqlError;
GQuark mqlw_sql_error_quark (void);

typedef enum {
  MQLW_SQL_QUERY_SCORE = 0,
  MQLW_SQL_QUERY_AGGREGATE,
  MQLW_SQL_QUERY_SAMPLE,
  MQLW_SQL_N_QUERIES
} MqlwSqlQuery;

#define MQLW_SQL_DEFAULT_TABLE  "leads"
#define MQLW_SQL_DEFAULT_SAMPLE 100000

typedef struct {
  MqlwSqlDialect dialect;
  MqlwSqlQuery   query;
  const char    *table;        /* nullable: MQLW_SQL_DEFAULT_TABLE; "schema.table" is quoted part by part */
  guint          sample_size;  /* SAMPLE: about this many leads; 0: MQLW_SQL_DEFAULT_SAMPLE */
} MqlwSqlOptions;

const char  *mqlw_sql_query_to_string (MqlwSqlQuery query);   /* "sql", "sql-aggregate", "sql-sample" */
gboolean     mqlw_sql_query_from_string (const char   *text,
                                         MqlwSqlQuery *query);

/* The query text (ends with a newline, no semicolon). The same model, schema
 * and options always give the same bytes. */
char        *mqlw_sql_build            (const MqlwModel      *model,
                                        const MqlwMapping    *schema,
                                        const MqlwSqlOptions *options,
                                        GError              **error);

/* The schema of @dataset's table: its columns' types and roles in order, the
 * date order and stage values of @mapping (nullable: detect / built-in). */
MqlwMapping *mqlw_sql_schema_from_dataset (MqlwDataset       *dataset,
                                           const MqlwMapping *mapping);

/* Lowercase hex SHA-256 of @sql's bytes: what a signed export records and a
 * warehouse job compares (sha256sum of the query file). */
char        *mqlw_sql_digest           (const char           *sql);

G_END_DECLS
