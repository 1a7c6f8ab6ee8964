/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sql.c — the agreed model as SQL (mqlw-sql.h), run in SQLite in-process.
 *
 * The query is a second implementation of the scorer, written in SQL: every
 * lead it scores is compared with the core's score (to the cent), grade, MQL,
 * path and disqualifier, on the bundled sample with each example model, on a
 * generated history, and on a fixture with every value form the import reads
 * (tests/data/sql/mixed.csv: text with spaces and capitals, numbers written
 * +300, .5, 1e3, yes/no words, ISO dates with times, day-first slash and dot
 * dates, a lifecycle stage column, outcome columns of four types). The table
 * holds every column as text, empty fields NULL (and once as ''), as a plain
 * CSV load leaves them. The aggregate query's result, read back as a CSV,
 * must give the same buckets, previews, sweep and suggestions as the leads.
 * Golden files (tests/data/sql/golden) hold every dialect's queries for review;
 * MQLW_UPDATE_GOLDEN=1 rewrites them. */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "mqlw-core.h"
#include "mqlw-model-adapt.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

typedef struct {
  char        *name;
  GBytes      *bytes;
  MqlwMapping *map;        /* as inspect --write-map writes it (or the fixture's map) */
  MqlwDataset *dataset;
} Data;

static void
data_free (Data *data)
{
  g_free (data->name);
  g_bytes_unref (data->bytes);
  mqlw_mapping_free (data->map);
  mqlw_dataset_unref (data->dataset);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Data, data_free)

static char *
test_path (const char *first,
           ...)
{
  va_list args;
  GPtrArray *parts = g_ptr_array_new ();
  char *path;

  g_ptr_array_add (parts, (gpointer) g_getenv ("G_TEST_SRCDIR"));
  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  g_ptr_array_free (parts, TRUE);
  return path;
}

static Data *
data_new (const char *name,
          GBytes     *bytes,
          const char *map_path)
{
  g_autoptr(GError) error = NULL;
  Data *data = g_new0 (Data, 1);

  data->name = g_strdup (name);
  data->bytes = g_bytes_ref (bytes);
  if (map_path != NULL)
    data->map = mqlw_mapping_load (map_path, &error);
  else
    {
      g_autoptr(MqlwCsvPreview) preview = mqlw_csv_preview_bytes (bytes, name, NULL, 5, NULL, &error);

      g_assert_no_error (error);
      data->map = mqlw_mapping_copy (preview->mapping);
    }
  g_assert_no_error (error);
  data->dataset = mqlw_import_bytes (bytes, name, NULL, data->map, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static Data *
data_from_file (const char *path,
                const char *map_path)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return data_new (name, bytes, map_path);
}

static Data *
data_generated (guint64 n_leads,
                guint64 seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  MqlwGenerateOptions options;

  mqlw_generate_options_init (&options);
  options.n_leads = n_leads;
  options.seed = seed;
  g_assert_true (mqlw_generate (out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  return data_new ("generated.csv", bytes, NULL);
}

/* The CSV as a table "leads" of text columns; an empty field is NULL, or '' with @empty_text. */
static sqlite3 *
load_table (Data     *data,
            gboolean  empty_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwCsvPreview) preview = mqlw_csv_preview_bytes (data->bytes, data->name, data->map, G_MAXUINT,
                                                              NULL, &error);
  g_autoptr(GString) create = g_string_new ("CREATE TABLE leads (");
  g_autoptr(GString) insert = g_string_new ("INSERT INTO leads VALUES (");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_cols;

  g_assert_no_error (error);
  n_cols = g_strv_length (preview->header);
  for (guint c = 0; c < n_cols; c++)
    {
      g_autofree char *ident = mqlw_sql_ident (MQLW_SQL_SQLITE, preview->header[c]);

      g_string_append_printf (create, "%s%s TEXT", c > 0 ? ", " : "", ident);
      g_string_append_printf (insert, "%s?", c > 0 ? ", " : "");
    }
  g_string_append (create, ")");
  g_string_append (insert, ")");

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, create->str, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, insert->str, -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint r = 0; r < preview->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (preview->rows, r);

      g_assert_cmpuint (g_strv_length (row), ==, n_cols);
      for (guint c = 0; c < n_cols; c++)
        {
          if (row[c][0] == '\0' && !empty_text)
            sqlite3_bind_null (stmt, (int) c + 1);
          else
            sqlite3_bind_text (stmt, (int) c + 1, row[c], -1, SQLITE_TRANSIENT);
        }
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (preview->rows->len, ==, data->dataset->n_rows);
  return db;
}

static MqlwModel *
load_model (const char *path)
{
  g_autoptr(GError) error = NULL;
  MqlwModel *model = mqlw_model_load (path, &error);

  g_assert_no_error (error);
  return model;
}

static char *
build (MqlwModel      *model,
       const MqlwMapping *schema,
       MqlwSqlDialect  dialect,
       MqlwSqlQuery    query)
{
  g_autoptr(GError) error = NULL;
  MqlwSqlOptions options = { .dialect = dialect, .query = query, .sample_size = 300 };
  char *sql = mqlw_sql_build (model, schema, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sql);
  return sql;
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_error ("SQLite refused the query: %s", sqlite3_errmsg (db));
  return stmt;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NULL : (const char *) sqlite3_column_text (stmt, col);
}

/* ---- scores ------------------------------------------------------------ */

/* Runs the score query and compares every lead with the core; returns the leads compared. */
/* Whether the SQL row under @stmt says what the core says of lead @row. */
static gboolean
same_lead (MqlwScorer   *scorer,
           guint         row,
           sqlite3_stmt *stmt)
{
  g_autofree char *path = NULL;
  MqlwLeadScore lead;

  mqlw_lead_score_get (scorer, row, &lead);
  path = mqlw_path_flags_to_string (lead.paths);
  if (isnan (lead.score) ? sqlite3_column_type (stmt, 1) != SQLITE_NULL
                         : sqlite3_column_type (stmt, 1) == SQLITE_NULL ||
                           llround (lead.score * 100) != llround (sqlite3_column_double (stmt, 1) * 100))
    return FALSE;
  return g_strcmp0 (column_text (stmt, 2), mqlw_grade_to_string (lead.grade)) == 0 &&
         sqlite3_column_int (stmt, 3) == (lead.mql ? 1 : 0) &&
         g_strcmp0 (column_text (stmt, 4), path) == 0 &&
         g_strcmp0 (column_text (stmt, 5), lead.disqualified) == 0;
}

/* Runs the score query and compares every lead with the core; returns the
 * leads compared. A lead id some exports repeat matches any of its rows once. */
static guint
check_scores (Data       *data,
              MqlwModel  *model,
              gboolean    empty_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = load_table (data, empty_text);
  g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (data->dataset, model, &error);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  g_autofree char *sql = build (model, data->map, MQLW_SQL_SQLITE, MQLW_SQL_QUERY_SCORE);
  sqlite3_stmt *stmt;
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < data->dataset->n_rows; i++)
    {
      MqlwLeadScore lead;
      GArray *rows;

      mqlw_lead_score_get (scorer, i, &lead);
      g_assert_nonnull (lead.lead_id);
      rows = g_hash_table_lookup (by_id, lead.lead_id);
      if (rows == NULL)
        {
          rows = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_id, g_strdup (lead.lead_id), rows);
        }
      g_array_append_val (rows, i);
    }

  stmt = prepare (db, sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = column_text (stmt, 0);
      GArray *rows = g_hash_table_lookup (by_id, id);
      gboolean found = FALSE;

      if (rows == NULL)
        g_error ("%s: the SQL names lead %s, which the data does not have", data->name, id);
      for (guint k = 0; k < rows->len && !found; k++)
        if (same_lead (scorer, g_array_index (rows, guint, k), stmt))
          {
            g_array_remove_index_fast (rows, k);
            found = TRUE;
          }
      if (!found)
        {
          MqlwLeadScore lead;
          g_autofree char *json = mqlw_model_to_json (model, TRUE);

          mqlw_lead_score_get (scorer, g_array_index (rows, guint, 0), &lead);
          g_error ("%s, model \"%s\", lead %s: the core says %.2f %s mql %d, SQL %s %s mql %d\n%s", data->name,
                   model->name, id, lead.score, mqlw_grade_to_string (lead.grade), lead.mql,
                   column_text (stmt, 1), column_text (stmt, 2), sqlite3_column_int (stmt, 3), json);
        }
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, data->dataset->n_rows);
  return n;
}

static GPtrArray *
sample_models (void)
{
  const char *dir = g_getenv ("MQLW_SAMPLES_DIR");
  static const char * const names[] = { "seed000-points.json", "seed002-two-paths.json",
                                        "seed003-activity-table.json", "seed004-fit-intent.json" };
  GPtrArray *models = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_model_unref);

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_ptr_array_add (models, load_model (path));
    }
  return models;
}

static GPtrArray *
mixed_models (void)
{
  static const char * const names[] = { "mixed-ops.json", "mixed-half-life.json", "mixed-score-column.json",
                                        "mixed-plain.json", "mixed-operators.json", "mixed-unscored-score.json" };
  GPtrArray *models = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_model_unref);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = test_path ("data", "sql", "models", names[i], NULL);
      g_ptr_array_add (models, load_model (path));
    }
  return models;
}

static Data *
sample_data (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), "leads-5000.csv", NULL);
  return data_from_file (path, NULL);
}

static Data *
mixed_data (void)
{
  g_autofree char *path = test_path ("data", "sql", "mixed.csv", NULL);
  g_autofree char *map = test_path ("data", "sql", "mixed.map.json", NULL);
  return data_from_file (path, map);
}

static void
test_scores_sample (void)
{
  g_autoptr(Data) data = sample_data ();
  g_autoptr(GPtrArray) models = sample_models ();

  for (guint i = 0; i < models->len; i++)
    g_assert_cmpuint (check_scores (data, g_ptr_array_index (models, i), FALSE), ==, 5000);
}

static void
test_scores_generated (void)
{
  g_autoptr(Data) data = data_generated (10000, 11);
  g_autoptr(GPtrArray) models = sample_models ();

  for (guint i = 0; i < models->len; i++)
    g_assert_cmpuint (check_scores (data, g_ptr_array_index (models, i), FALSE), ==, 10000);
}

static void
test_scores_mixed (void)
{
  g_autoptr(Data) data = mixed_data ();
  g_autoptr(GPtrArray) models = mixed_models ();

  for (guint i = 0; i < models->len; i++)
    {
      g_assert_cmpuint (check_scores (data, g_ptr_array_index (models, i), FALSE), ==, 40);
      /* A load that leaves empty fields as '' rather than NULL. */
      g_assert_cmpuint (check_scores (data, g_ptr_array_index (models, i), TRUE), ==, 40);
    }
}

/* Lead M040 under the 90-day half-life, worked by hand:
 *   fit: Manager +10, 250 employees in 200–1000 +5 = 15 → grade A (a = 15), multiplier 1.3;
 *   webinars: 3 × 9 = 27 points, 175 days before the as-of date:
 *     100 × 0.5^(175/90) = 25.98148065079609 as a double, 25.981481552124023 as the float the
 *     scorer keeps; 27 × the float = 701.5000019 → 702 hundredths (the double would give
 *     701.49998 → 701);
 *   total = 1500 + 1.3 × 702 = 2412.6 → 2413 hundredths = 24.13 (≥ 12: an MQL on the score path). */
static void check_aggregate (Data      *data,
                             MqlwModel *model);

/* A model over whatever columns an export has: for each fit column a rule
 * of the kind its type takes (text: in, not_in and contains with the first
 * values; numbers: a range from the first value; yes/no: equals yes; dates:
 * a range), every activity count with a cap and the seed 003 decay, grades
 * with multipliers, and the hand-raiser path on the first count. */
static MqlwModel *
model_for_columns (MqlwDataset *dataset)
{
  MqlwModel *model = mqlw_model_new ();
  const char *first_count = NULL;

  mqlw_decay_set_seed003 (&model->decay);
  model->grading.enabled = TRUE;
  model->grading.min_fit[MQLW_GRADE_A] = 9;
  model->grading.min_fit[MQLW_GRADE_B] = 4;
  model->grading.min_fit[MQLW_GRADE_C] = 0;
  model->grading.multiplier[MQLW_GRADE_A] = 1.2;
  model->grading.multiplier[MQLW_GRADE_B] = 1.1;
  model->grading.multiplier[MQLW_GRADE_D] = 0.9;
  model->threshold = 12;
  for (guint c = 0; c < dataset->columns->len; c++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
      g_autofree char *id = g_strdup_printf ("c%u", c);
      g_autofree char *id_not = g_strdup_printf ("c%un", c);
      g_autofree char *id_contains = g_strdup_printf ("c%uc", c);
      MqlwFitRule *rule;

      if (column->role == MQLW_ROLE_ACTIVITY_COUNT && column->type != MQLW_COLUMN_TYPE_CATEGORICAL &&
          column->type != MQLW_COLUMN_TYPE_DATE)
        {
          MqlwBehaviourRule *behaviour = mqlw_model_add_behaviour (model, id, column->name, 7.5, 20);

          behaviour->decay = TRUE;
          first_count = first_count != NULL ? first_count : column->name;
          continue;
        }
      if (column->role != MQLW_ROLE_FIT && column->role != MQLW_ROLE_NONE)
        continue;
      switch (column->type)
        {
        case MQLW_COLUMN_TYPE_CATEGORICAL:
          if (column->dict == NULL || column->dict->len < 2)
            break;
          rule = mqlw_model_add_fit (model, id, column->name, MQLW_MATCH_IN_SET, 5);
          g_strfreev (rule->match.values);
          rule->match.values = g_new0 (char *, 3);
          rule->match.values[0] = g_strdup (g_ptr_array_index (column->dict, 0));
          rule->match.values[1] = g_strdup (g_ptr_array_index (column->dict, 1));
          rule = mqlw_model_add_fit (model, id_not, column->name, MQLW_MATCH_NOT_IN, -1.5);
          g_strfreev (rule->match.values);
          rule->match.values = g_new0 (char *, 2);
          rule->match.values[0] = g_strdup (g_ptr_array_index (column->dict, 1));
          rule = mqlw_model_add_fit (model, id_contains, column->name, MQLW_MATCH_CONTAINS, 2.25);
          g_strfreev (rule->match.values);
          rule->match.values = g_new0 (char *, 2);
          rule->match.values[0] = g_utf8_substring (g_ptr_array_index (column->dict, 0), 0, 2);
          break;
        case MQLW_COLUMN_TYPE_INTEGER:
        case MQLW_COLUMN_TYPE_DECIMAL:
        case MQLW_COLUMN_TYPE_DATE:
          for (guint i = 0; i < column->n_rows; i++)
            if (!mqlw_column_is_missing (column, i))
              {
                rule = mqlw_model_add_fit (model, id, column->name, MQLW_MATCH_RANGE, 3);
                rule->match.min = mqlw_column_number (column, i);
                break;
              }
          break;
        case MQLW_COLUMN_TYPE_BOOLEAN:
          rule = mqlw_model_add_fit (model, id, column->name, MQLW_MATCH_EQUALS, 4);
          g_strfreev (rule->match.values);
          rule->match.values = g_new0 (char *, 2);
          rule->match.values[0] = g_strdup ("yes");
          break;
        default:
          break;
        }
    }
  if (first_count != NULL)
    {
      model->paths.hand_raiser = TRUE;
      model->paths.hand_raiser_activities = g_new0 (char *, 2);
      model->paths.hand_raiser_activities[0] = g_strdup (first_count);
      model->paths.hand_raiser_min_grade = MQLW_GRADE_C;
    }
  return model;
}

/* The platforms' exports (tests/data/platforms) with their detected mapping
 * (roles, placeholders read as missing, stage columns in their context), each
 * example model fitted to the columns found, and the platform's own score. */
static void
test_scores_platforms (void)
{
  static const char * const files[] = { "hubspot.csv", "salesforce.csv", "marketo.csv", "account-engagement.csv",
                                        "dynamics.csv", "generic.csv", "pipeline.csv" };
  g_autoptr(GPtrArray) models = sample_models ();
  guint checked = 0;

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = test_path ("data", "platforms", files[f], NULL);
      g_autoptr(Data) data = data_from_file (path, NULL);
      MqlwColumn *score = mqlw_dataset_find_role (data->dataset, MQLW_ROLE_SCORE);
      g_autoptr(GPtrArray) fitted = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_model_unref);

      if (mqlw_dataset_find_role (data->dataset, MQLW_ROLE_LEAD_ID) == NULL &&
          mqlw_dataset_find_role (data->dataset, MQLW_ROLE_EMAIL) == NULL)
        continue;
      g_ptr_array_add (fitted, model_for_columns (data->dataset));
      for (guint i = 0; i < models->len; i++)
        {
          MqlwModel *model = mqlw_model_adapt (g_ptr_array_index (models, i), data->dataset, NULL);

          if (mqlw_model_scores_nothing (model))
            mqlw_model_unref (model);
          else
            g_ptr_array_add (fitted, model);
        }
      if (score != NULL)
        {
          MqlwModel *model = mqlw_model_new ();

          model->score_column = g_strdup (score->name);
          model->threshold = 50;
          g_ptr_array_add (fitted, model);
        }
      for (guint i = 0; i < fitted->len; i++)
        {
          check_scores (data, g_ptr_array_index (fitted, i), FALSE);
          check_aggregate (data, g_ptr_array_index (fitted, i));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 10);
}

/* The mapping as inspect --write-map resolves it: the placeholders it found
 * listed column by column instead of detected. */
static void
test_scores_listed_missing (void)
{
  g_autofree char *path = test_path ("data", "sql", "mixed.csv", NULL);
  g_autoptr(Data) data = data_from_file (path, NULL);
  g_autoptr(GPtrArray) models = mixed_models ();
  guint listed = 0;

  g_assert_false (data->map->detect_placeholders);
  for (guint i = 0; i < data->map->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (data->map->columns, i);
      listed += spec->missing_values != NULL ? g_strv_length (spec->missing_values) : 0;
    }
  g_assert_cmpuint (listed, ==, 9);
  for (guint i = 0; i < models->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (data->dataset, g_ptr_array_index (models, i), &error);

      /* The detected roles differ from the fixture's map: a model they cannot score is left out. */
      if (scorer != NULL)
        g_assert_cmpuint (check_scores (data, g_ptr_array_index (models, i), FALSE), ==, 40);
    }
}

static void
test_half_life_float (void)
{
  g_autoptr(Data) data = mixed_data ();
  g_autofree char *path = test_path ("data", "sql", "models", "mixed-half-life.json", NULL);
  g_autoptr(MqlwModel) model = load_model (path);
  g_autoptr(sqlite3) db = load_table (data, FALSE);
  g_autofree char *sql = build (model, data->map, MQLW_SQL_SQLITE, MQLW_SQL_QUERY_SCORE);
  g_autofree char *wrapped = g_strdup_printf ("SELECT * FROM (%s) WHERE lead_id = 'M040'", sql);
  sqlite3_stmt *stmt = prepare (db, wrapped);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpfloat (sqlite3_column_double (stmt, 1), ==, 24.13);
  g_assert_cmpstr (column_text (stmt, 2), ==, "A");
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  g_assert_cmpstr (column_text (stmt, 4), ==, "score");
  sqlite3_finalize (stmt);
}

/* ---- the aggregate ------------------------------------------------------ */

/* The aggregate query's result as the CSV a warehouse export would write. */
static MqlwAggregate *
run_aggregate (Data      *data,
               MqlwModel *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = load_table (data, FALSE);
  g_autofree char *sql = build (model, data->map, MQLW_SQL_SQLITE, MQLW_SQL_QUERY_AGGREGATE);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  sqlite3_stmt *stmt = prepare (db, sql);
  int n_cols = sqlite3_column_count (stmt);
  MqlwAggregate *aggregate;

  for (int c = 0; c < n_cols; c++)
    g_string_append_printf (csv, "%s%s", c > 0 ? "," : "", sqlite3_column_name (stmt, c));
  g_string_append_c (csv, '\n');
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < n_cols; c++)
        g_string_append_printf (csv, "%s%s", c > 0 ? "," : "", column_text (stmt, c) != NULL ? column_text (stmt, c) : "");
      g_string_append_c (csv, '\n');
    }
  sqlite3_finalize (stmt);
  bytes = g_string_free_to_bytes (g_steal_pointer (&csv));
  aggregate = mqlw_aggregate_read (bytes, "aggregate.csv", &error);
  g_assert_no_error (error);
  return aggregate;
}

static void
assert_rate_equal (const MqlwRate *a,
                   const MqlwRate *b)
{
  g_assert_cmpint (a->present, ==, b->present);
  g_assert_cmpuint (a->known, ==, b->known);
  g_assert_cmpuint (a->reached, ==, b->reached);
  if (a->present && a->known > 0)
    {
      g_assert_cmpfloat (a->rate, ==, b->rate);
      g_assert_cmpfloat (a->ci_low, ==, b->ci_low);
      g_assert_cmpfloat (a->ci_high, ==, b->ci_high);
    }
}

static void
assert_preview_equal (const MqlwPreview *a,
                      const MqlwPreview *b)
{
  g_assert_cmpfloat (a->threshold, ==, b->threshold);
  g_assert_cmpuint (a->leads, ==, b->leads);
  g_assert_cmpuint (a->disqualified, ==, b->disqualified);
  g_assert_cmpuint (a->mql, ==, b->mql);
  g_assert_true (a->mql_share == b->mql_share || (isnan (a->mql_share) && isnan (b->mql_share)));
  g_assert_true (a->months == b->months || (isnan (a->months) && isnan (b->months)));
  g_assert_true (a->mql_per_month == b->mql_per_month || (isnan (a->mql_per_month) && isnan (b->mql_per_month)));
  for (guint p = 0; p < MQLW_N_PATHS; p++)
    g_assert_cmpuint (a->by_path[p], ==, b->by_path[p]);
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    assert_rate_equal (&a->stage[s], &b->stage[s]);
  g_assert_true (a->acceptance_coverage == b->acceptance_coverage ||
                 (isnan (a->acceptance_coverage) && isnan (b->acceptance_coverage)));
  g_assert_cmpuint (a->wins_total, ==, b->wins_total);
  g_assert_cmpuint (a->wins_captured, ==, b->wins_captured);
  g_assert_cmpuint (a->wins_missed, ==, b->wins_missed);
  g_assert_true (a->wins_captured_share == b->wins_captured_share ||
                 (isnan (a->wins_captured_share) && isnan (b->wins_captured_share)));
  g_assert_cmpint (a->over_capacity, ==, b->over_capacity);
}

static void
assert_buckets_equal (MqlwCalibration *from_leads,
                      MqlwCalibration *from_aggregate,
                      const char      *scheme)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse (scheme, &error);
  g_autoptr(MqlwBucketTable) a = NULL, b = NULL;

  g_assert_no_error (error);
  a = mqlw_calibration_buckets (from_leads, spec, NULL, &error);
  g_assert_no_error (error);
  b = mqlw_calibration_buckets (from_aggregate, spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->n_buckets, ==, b->n_buckets);
  g_assert_cmpuint (a->total_leads, ==, b->total_leads);
  for (guint j = 0; j < a->n_buckets; j++)
    {
      g_assert_cmpfloat (a->buckets[j].lo, ==, b->buckets[j].lo);
      g_assert_cmpfloat (a->buckets[j].hi, ==, b->buckets[j].hi);
      g_assert_cmpuint (a->buckets[j].leads, ==, b->buckets[j].leads);
      g_assert_cmpfloat (a->buckets[j].share, ==, b->buckets[j].share);
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        assert_rate_equal (&a->buckets[j].stage[s], &b->buckets[j].stage[s]);
      g_assert_cmpint (a->buckets[j].verdict, ==, b->buckets[j].verdict);
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const MqlwAggregateRow *x = a, *y = b;

  if (x->scored != y->scored)
    return x->scored ? 1 : -1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->month != y->month)
    return x->month < y->month ? -1 : 1;
  if (x->disqualified != y->disqualified)
    return x->disqualified ? 1 : -1;
  return (int) x->fixed_paths - (int) y->fixed_paths;
}

static void
check_aggregate (Data      *data,
                 MqlwModel *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (data->dataset, model, &error);
  g_autoptr(MqlwAggregate) aggregate = run_aggregate (data, model);
  g_autoptr(MqlwAggregate) expected = NULL;
  g_autoptr(MqlwCalibration) from_leads = NULL, from_aggregate = NULL;
  const char * const schemes[] = { "auto", "width:10", "edges:0,20,50", "quantiles:4", "width:2.5" };
  double min, max, min2, max2;
  MqlwSuggestOptions options;

  g_assert_no_error (error);

  /* Row for row what the core counts from its own scores. */
  expected = mqlw_aggregate_from_leads (mqlw_scorer_get_scores (scorer), &data->dataset->outcomes);
  g_array_sort (aggregate->rows, compare_rows);
  g_assert_cmpuint (aggregate->rows->len, ==, expected->rows->len);
  g_assert_cmpuint (aggregate->leads, ==, data->dataset->n_rows);
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    g_assert_cmpint (aggregate->present[s], ==, expected->present[s]);
  g_assert_cmpint (aggregate->has_amount, ==, expected->has_amount);
  for (guint r = 0; r < aggregate->rows->len; r++)
    {
      const MqlwAggregateRow *a = &g_array_index (aggregate->rows, MqlwAggregateRow, r);
      const MqlwAggregateRow *b = &g_array_index (expected->rows, MqlwAggregateRow, r);

      g_assert_cmpint (compare_rows (a, b), ==, 0);
      g_assert_cmpuint (a->leads, ==, b->leads);
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        {
          g_assert_cmpuint (a->known[s], ==, b->known[s]);
          g_assert_cmpuint (a->reached[s], ==, b->reached[s]);
        }
      g_assert_cmpfloat_with_epsilon (a->won_amount, b->won_amount, 1e-6 * MAX (1.0, fabs (b->won_amount)));
    }

  /* The same calibration, figure for figure. */
  from_leads = mqlw_calibration_new (mqlw_scorer_get_scores (scorer), &data->dataset->outcomes, model->paths.score);
  from_aggregate = mqlw_calibration_new_from_aggregate (aggregate, model->paths.score);
  mqlw_calibration_score_range (from_leads, &min, &max);
  mqlw_calibration_score_range (from_aggregate, &min2, &max2);
  g_assert_cmpfloat (min, ==, min2);
  g_assert_cmpfloat (max, ==, max2);
  for (guint k = 0; k < G_N_ELEMENTS (schemes); k++)
    assert_buckets_equal (from_leads, from_aggregate, schemes[k]);
  for (double t = floor (min) - 1; t <= ceil (max) + 1; t += (ceil (max) - floor (min) + 2) / 37.0)
    {
      MqlwPreview a, b;

      mqlw_calibration_preview (from_leads, t, model->capacity_per_month, &a);
      mqlw_calibration_preview (from_aggregate, t, model->capacity_per_month, &b);
      assert_preview_equal (&a, &b);
    }
  {
    g_autoptr(GArray) a = mqlw_calibration_sweep (from_leads, floor (min), ceil (max), 1, 30);
    g_autoptr(GArray) b = mqlw_calibration_sweep (from_aggregate, floor (min), ceil (max), 1, 30);

    g_assert_cmpuint (a->len, ==, b->len);
    for (guint i = 0; i < a->len; i++)
      assert_preview_equal (&g_array_index (a, MqlwPreview, i), &g_array_index (b, MqlwPreview, i));
  }
  mqlw_suggest_options_init_default (&options);
  options.capacity_per_month = 40;
  options.min_known = 5;
  {
    g_autoptr(GArray) a = mqlw_calibration_suggest (from_leads, &options);
    g_autoptr(GArray) b = mqlw_calibration_suggest (from_aggregate, &options);

    g_assert_cmpuint (a->len, ==, b->len);
    for (guint i = 0; i < a->len; i++)
      {
        const MqlwSuggestion *x = &g_array_index (a, MqlwSuggestion, i);
        const MqlwSuggestion *y = &g_array_index (b, MqlwSuggestion, i);

        g_assert_cmpint (x->kind, ==, y->kind);
        g_assert_cmpint (x->found, ==, y->found);
        if (x->found)
          {
            g_assert_cmpfloat (x->threshold, ==, y->threshold);
            assert_preview_equal (&x->preview, &y->preview);
          }
      }
  }
}

static void
test_aggregate_sample (void)
{
  g_autoptr(Data) data = sample_data ();
  g_autoptr(GPtrArray) models = sample_models ();

  for (guint i = 0; i < models->len; i++)
    check_aggregate (data, g_ptr_array_index (models, i));
}

static void
test_aggregate_generated (void)
{
  g_autoptr(Data) data = data_generated (10000, 23);
  g_autoptr(GPtrArray) models = sample_models ();

  for (guint i = 0; i < models->len; i++)
    check_aggregate (data, g_ptr_array_index (models, i));
}

static void
test_aggregate_mixed (void)
{
  g_autoptr(Data) data = mixed_data ();
  g_autoptr(GPtrArray) models = mixed_models ();

  for (guint i = 0; i < models->len; i++)
    check_aggregate (data, g_ptr_array_index (models, i));
}

/* The funnel of two mixed leads, worked from the fixture by hand in the
 * import's order (the stage column, then accepted, sql, opportunity, won_on;
 * then the funnel closed):
 *   M001: stage "closed_lost" (built-in: opportunity reached, closed: won no),
 *         deal_stage "Prospecting" (an opportunity's stage: opportunity reached,
 *         open; it adds nothing to what is known);
 *         accepted "rejected" → no; sql "1" → yes; opportunity empty (kept);
 *         won_on a date → won yes. Won reached, so every stage: 1, 1, 1, 1.
 *   M002: stage "SQL" (SQL reached, open: opportunity and won unknown);
 *         accepted "maybe" (no yes/no word: kept yes); sql "0" → no;
 *         opportunity "1" → yes; won_on empty, but the stage column read the
 *         lead as open (an open deal's won date is blank) → won unknown.
 *         Opportunity reached, so accepted and SQL yes; won unknown: 1, 1, 1, −. */
static void
test_funnel_by_hand (void)
{
  g_autoptr(Data) data = mixed_data ();
  g_autofree char *path = test_path ("data", "sql", "models", "mixed-plain.json", NULL);
  g_autoptr(MqlwModel) model = load_model (path);
  g_autofree char *sql = build (model, data->map, MQLW_SQL_SQLITE, MQLW_SQL_QUERY_AGGREGATE);
  static const struct { const char *id; int known[4]; int reached[4]; } expected[] = {
    { "M001", { 1, 1, 1, 1 }, { 1, 1, 1, 1 } },
    { "M002", { 1, 1, 1, 0 }, { 1, 1, 1, 0 } },
  };

  /* The aggregate of a table holding that one lead: each stage known, and reached or not. */
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      g_autoptr(sqlite3) db = load_table (data, FALSE);
      g_autofree char *keep = g_strdup_printf ("DELETE FROM leads WHERE lead_id <> '%s'", expected[k].id);
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_exec (db, keep, NULL, NULL, NULL), ==, SQLITE_OK);
      stmt = prepare (db, sql);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 1);   /* leads */
      for (int s = 0; s < 4; s++)
        {
          g_assert_cmpint (sqlite3_column_int (stmt, 5 + 2 * s), ==, expected[k].known[s]);
          g_assert_cmpint (sqlite3_column_int (stmt, 6 + 2 * s), ==, expected[k].reached[s]);
        }
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
}

/* ---- the sample ---------------------------------------------------------- */

static void
test_sample (void)
{
  g_autoptr(Data) data = data_generated (20000, 31);
  g_autoptr(GPtrArray) models = sample_models ();
  g_autoptr(sqlite3) db = load_table (data, FALSE);
  MqlwModel *model = g_ptr_array_index (models, 1);
  g_autofree char *sql = build (model, data->map, MQLW_SQL_SQLITE, MQLW_SQL_QUERY_SAMPLE);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = prepare (db, sql);
  guint n = 0, again = 0;

  /* Every column of the table, as stored. */
  g_assert_cmpint (sqlite3_column_count (stmt), ==, (int) data->map->columns->len);
  for (guint c = 0; c < data->map->columns->len; c++)
    g_assert_cmpstr (sqlite3_column_name (stmt, (int) c), ==,
                     ((MqlwColumnSpec *) g_ptr_array_index (data->map->columns, c))->name);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_true (g_hash_table_add (ids, g_strdup (column_text (stmt, 0))));
      n++;
    }
  sqlite3_finalize (stmt);
  /* About 300 leads: each stratum's share rounded up, so a few more. */
  g_assert_cmpuint (n, >=, 300);
  g_assert_cmpuint (n, <=, 400);

  /* The same table gives the same sample. */
  stmt = prepare (db, sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    again += g_hash_table_contains (ids, column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (again, ==, n);
}

/* ---- dialects and golden files ------------------------------------------ */

/* A value holding a quote, a backslash, SOH (U+0001), DEL (U+007F), "${x}"
 * and a right-to-left override (U+202E), as each engine's documented literal
 * syntax spells it, worked out by hand:
 * - SQLite (lang_expr: '' for a quote, no escapes; char(N) gives the code
 *   point N), PostgreSQL (standard strings: no backslash escapes; chr(N) the
 *   code point in UTF8), DuckDB (as PostgreSQL): the controls joined on;
 * - BigQuery (lexical structure: \' and \\ escapes, \uhhhh; quoted strings
 *   hold no line break), Snowflake (string constants: \\, \uhhhh, and '' for
 *   a quote), Spark (sql-ref-literals: \', \\, \uXXXX; '$' as \u0024 so that
 *   its variable substitution and a Databricks widget never see "${"). */
static void
test_hostile_literals (void)
{
  static const char value[] = "a'b\\c\x01" "d\x7f${x}\xe2\x80\xae";
  static const struct { MqlwSqlDialect d; const char *expected; } cases[] = {
    { MQLW_SQL_SQLITE, "('a''b\\c' || char(1) || 'd' || char(127) || '${x}' || char(8238))" },
    { MQLW_SQL_POSTGRES, "('a''b\\c' || chr(1) || 'd' || chr(127) || '${x}' || chr(8238))" },
    { MQLW_SQL_DUCKDB, "('a''b\\c' || chr(1) || 'd' || chr(127) || '${x}' || chr(8238))" },
    { MQLW_SQL_BIGQUERY, "'a\\'b\\\\c\\u0001d\\u007F${x}\\u202E'" },
    { MQLW_SQL_SNOWFLAKE, "'a''b\\\\c\\u0001d\\u007F${x}\\u202E'" },
    { MQLW_SQL_SPARK, "'a\\'b\\\\c\\u0001d\\u007F\\u0024{x}\\u202E'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *literal = mqlw_sql_string (cases[i].d, value);
      g_assert_cmpstr (literal, ==, cases[i].expected);
    }
  /* Run by SQLite: the literal is the value again. */
  {
    g_autofree char *literal = mqlw_sql_string (MQLW_SQL_SQLITE, value);
    g_autofree char *query = g_strdup_printf ("SELECT %s", literal);
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, value);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_dialect_literals (void)
{
  static const struct { MqlwSqlDialect d; const char *ident, *string, *number, *tab, *tab_only; } cases[] = {
    { MQLW_SQL_SQLITE, "\"Lead \"\"ID\"\"\"", "'it''s \\ ok'", "0.8", "('a' || char(9) || 'b')", "char(9)" },
    { MQLW_SQL_DUCKDB, "\"Lead \"\"ID\"\"\"", "'it''s \\ ok'", "CAST('0.8' AS DOUBLE)", "('a' || chr(9) || 'b')",
      "chr(9)" },
    { MQLW_SQL_POSTGRES, "\"Lead \"\"ID\"\"\"", "'it''s \\ ok'", "CAST('0.8' AS DOUBLE PRECISION)",
      "('a' || chr(9) || 'b')", "chr(9)" },
    { MQLW_SQL_BIGQUERY, "`Lead \"ID\"`", "'it\\'s \\\\ ok'", "0.8", "'a\\tb'", "'\\t'" },
    { MQLW_SQL_SNOWFLAKE, "\"Lead \"\"ID\"\"\"", "'it''s \\\\ ok'", "CAST('0.8' AS DOUBLE)", "'a\\tb'", "'\\t'" },
    { MQLW_SQL_SPARK, "`Lead \"ID\"`", "'it\\'s \\\\ ok'", "0.8D", "'a\\tb'", "'\\t'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ident = mqlw_sql_ident (cases[i].d, "Lead \"ID\"");
      g_autofree char *plain = mqlw_sql_ident (cases[i].d, "lead_id");
      g_autofree char *reserved = mqlw_sql_ident (cases[i].d, "order");
      g_autofree char *string = mqlw_sql_string (cases[i].d, "it's \\ ok");
      g_autofree char *tab = mqlw_sql_string (cases[i].d, "a\tb");
      g_autofree char *tab_only = mqlw_sql_string (cases[i].d, "\t");
      g_autofree char *number = mqlw_sql_double (cases[i].d, 0.8);
      g_autofree char *table = mqlw_sql_table (cases[i].d, "crm.Leads");
      MqlwSqlDialect back;

      g_assert_cmpstr (ident, ==, cases[i].ident);
      g_assert_cmpstr (plain, ==, "lead_id");
      g_assert_cmpuint (strlen (reserved), ==, 7);   /* quoted */
      g_assert_cmpstr (string, ==, cases[i].string);
      g_assert_cmpstr (tab, ==, cases[i].tab);
      g_assert_cmpstr (tab_only, ==, cases[i].tab_only);
      g_assert_cmpstr (number, ==, cases[i].number);
      g_assert_true (g_str_has_prefix (table, "crm."));
      g_assert_true (mqlw_sql_dialect_from_string (mqlw_sql_dialect_to_string (cases[i].d), &back));
      g_assert_cmpint (back, ==, cases[i].d);
    }
  {
    g_autofree char *a = mqlw_sql_shortest_double (0.1 + 0.2);
    g_autofree char *b = mqlw_sql_shortest_double (100);
    g_autofree char *c = mqlw_sql_shortest_double (1e-7);
    g_autofree char *d = mqlw_sql_double (MQLW_SQL_SQLITE, -50);

    g_assert_cmpstr (a, ==, "0.30000000000000004");
    g_assert_cmpstr (b, ==, "100");
    g_assert_cmpstr (c, ==, "1e-07");
    g_assert_cmpstr (d, ==, "(-50.0)");
  }
}

static void
check_golden (const char  *file,
              const char  *sql)
{
  g_autofree char *path = test_path ("data", "sql", "golden", file, NULL);
  g_autofree char *stored = NULL;

  if (g_getenv ("MQLW_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (g_file_set_contents (path, sql, -1, NULL));
      return;
    }
  if (!g_file_get_contents (path, &stored, NULL, NULL))
    g_error ("%s is missing: run the test with MQLW_UPDATE_GOLDEN=1 and review it", path);
  if (strcmp (stored, sql) != 0)
    g_error ("%s differs from the query generated now: review the change, then run the test with "
             "MQLW_UPDATE_GOLDEN=1", path);
}

static void
test_golden (void)
{
  g_autoptr(Data) data = mixed_data ();
  g_autofree char *ops_path = test_path ("data", "sql", "models", "mixed-ops.json", NULL);
  g_autofree char *half_path = test_path ("data", "sql", "models", "mixed-half-life.json", NULL);
  g_autoptr(MqlwModel) ops = load_model (ops_path);
  g_autoptr(MqlwModel) half = load_model (half_path);

  for (guint d = 0; d < MQLW_SQL_N_DIALECTS; d++)
    {
      const char *name = mqlw_sql_dialect_to_string (d);

      for (guint q = 0; q < MQLW_SQL_N_QUERIES; q++)
        {
          g_autofree char *sql = build (ops, data->map, d, q);
          g_autofree char *file = g_strdup_printf ("%s-%s.sql", name, mqlw_sql_query_to_string (q));

          check_golden (file, sql);
        }
      {
        g_autofree char *sql = build (half, data->map, d, MQLW_SQL_QUERY_SCORE);
        g_autofree char *file = g_strdup_printf ("%s-sql-half-life.sql", name);

        check_golden (file, sql);
      }
    }
}

/* The schema read from a dataset gives the same query as the map it was imported with. */
static void
test_schema_from_dataset (void)
{
  g_autoptr(Data) data = mixed_data ();
  g_autoptr(MqlwMapping) schema = mqlw_sql_schema_from_dataset (data->dataset, data->map);
  g_autofree char *path = test_path ("data", "sql", "models", "mixed-ops.json", NULL);
  g_autoptr(MqlwModel) model = load_model (path);

  for (guint q = 0; q < MQLW_SQL_N_QUERIES; q++)
    {
      g_autofree char *a = build (model, data->map, MQLW_SQL_POSTGRES, q);
      g_autofree char *b = build (model, schema, MQLW_SQL_POSTGRES, q);

      g_assert_cmpstr (a, ==, b);
    }
}

static void
test_errors (void)
{
  g_autoptr(Data) data = mixed_data ();
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwMapping) no_id = mqlw_mapping_copy (data->map);
  g_autoptr(MqlwMapping) no_outcome = mqlw_mapping_copy (data->map);
  g_autoptr(GError) error = NULL;
  MqlwSqlOptions options = { .dialect = MQLW_SQL_SQLITE, .query = MQLW_SQL_QUERY_SCORE };
  char *sql;

  mqlw_model_add_fit (model, "x", "no_such_column", MQLW_MATCH_MISSING, 1);
  sql = mqlw_sql_build (model, data->map, &options, &error);
  g_assert_null (sql);
  g_assert_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN);
  g_clear_error (&error);
  g_ptr_array_set_size (model->fit, 0);

  for (guint i = 0; i < no_id->columns->len; i++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (no_id->columns, i);

      if (spec->role == MQLW_ROLE_LEAD_ID || spec->role == MQLW_ROLE_EMAIL)
        spec->role = MQLW_ROLE_NONE;
    }
  sql = mqlw_sql_build (model, no_id, &options, &error);
  g_assert_null (sql);
  g_assert_error (error, MQLW_SQL_ERROR, MQLW_SQL_ERROR_NO_LEAD_ID);
  g_clear_error (&error);

  for (guint i = 0; i < no_outcome->columns->len; i++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (no_outcome->columns, i);

      if (spec->role == MQLW_ROLE_OUTCOME || spec->role == MQLW_ROLE_STAGE)
        spec->role = MQLW_ROLE_NONE;
    }
  options.query = MQLW_SQL_QUERY_AGGREGATE;
  sql = mqlw_sql_build (model, no_outcome, &options, &error);
  g_assert_null (sql);
  g_assert_error (error, MQLW_SQL_ERROR, MQLW_SQL_ERROR_NO_OUTCOME);
}

/* A name in the header's comment lines: LF, CR, tab, BEL, ESC, DEL, NEL
 * (U+0085), LINE SEPARATOR (U+2028), RLO (U+202E) and FSI (U+2068) each a
 * space; a byte that is not UTF-8 (0xFF) the replacement character; the rest
 * (quotes, "*\/", "--", emoji) as it is. */
static void
test_comment_text (void)
{
  g_autofree char *text = mqlw_sql_comment_text ("a\nb\rc\td\ae\x1b" "f\x7fg\xc2\x85h\xe2\x80\xa8i\xe2\x80\xaej"
                                                 "\xe2\x81\xa8k\xffl \"m\" */ -- \xf0\x9f\x98\x80");

  g_assert_cmpstr (text, ==, "a b c d e f g h i j k\xef\xbf\xbdl \"m\" */ -- \xf0\x9f\x98\x80");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/sql/comment-text", test_comment_text);
  g_test_add_func ("/mqlw/sql/hostile-literals", test_hostile_literals);

  g_test_add_func ("/mqlw/sql/scores/sample", test_scores_sample);
  g_test_add_func ("/mqlw/sql/scores/generated", test_scores_generated);
  g_test_add_func ("/mqlw/sql/scores/mixed", test_scores_mixed);
  g_test_add_func ("/mqlw/sql/scores/half-life-float", test_half_life_float);
  g_test_add_func ("/mqlw/sql/scores/platforms", test_scores_platforms);
  g_test_add_func ("/mqlw/sql/scores/listed-missing", test_scores_listed_missing);
  g_test_add_func ("/mqlw/sql/aggregate/sample", test_aggregate_sample);
  g_test_add_func ("/mqlw/sql/aggregate/generated", test_aggregate_generated);
  g_test_add_func ("/mqlw/sql/aggregate/mixed", test_aggregate_mixed);
  g_test_add_func ("/mqlw/sql/aggregate/funnel-by-hand", test_funnel_by_hand);
  g_test_add_func ("/mqlw/sql/sample", test_sample);
  g_test_add_func ("/mqlw/sql/dialect-literals", test_dialect_literals);
  g_test_add_func ("/mqlw/sql/golden", test_golden);
  g_test_add_func ("/mqlw/sql/schema-from-dataset", test_schema_from_dataset);
  g_test_add_func ("/mqlw/sql/errors", test_errors);

  return g_test_run ();
}
