/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-signoff"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mqlw-signoff.h"
#include "mqlw-export.h"
#include "mqlw-safe-write.h"
#include "mqlw-json-limits.h"
#include "mqlw-signoff-private.h"
#include "mqlw-sql.h"
#include "mqlw-scorer.h"
#include "mqlw-scoring.h"
#include "mqlw-calibration-json.h"
#include "mqlw-json-text.h"

G_DEFINE_QUARK (mqlw-signoff-error-quark, mqlw_signoff_error)

#define DIGEST_PREFIX "mqlw-signoff-%u\n"

/* Top-level members an export may have, by format. */
static const char * const members_v1[] = {
  "format", "version", "model", "threshold", "capacity_per_month", "dataset", "metrics", "approvers", "notes",
  "signed_on", "review_on", "project_version", "part_digests", "digest", NULL,
};

/* ---- teams and approvers ----------------------------------------------- */

const char *
mqlw_team_to_string (MqlwTeam team)
{
  g_return_val_if_fail (team == MQLW_TEAM_MARKETING || team == MQLW_TEAM_SALES, NULL);
  return team == MQLW_TEAM_MARKETING ? "marketing" : "sales";
}

gboolean
mqlw_team_from_string (const char *text,
                       MqlwTeam   *team)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (g_ascii_strcasecmp (text, "marketing") == 0)
    *team = MQLW_TEAM_MARKETING;
  else if (g_ascii_strcasecmp (text, "sales") == 0)
    *team = MQLW_TEAM_SALES;
  else
    return FALSE;
  return TRUE;
}

MqlwApprover *
mqlw_approver_new (const char *name,
                   const char *role,
                   MqlwTeam    team)
{
  MqlwApprover *approver;

  g_return_val_if_fail (name != NULL, NULL);

  approver = g_new0 (MqlwApprover, 1);
  approver->name = g_strstrip (g_strdup (name));
  approver->role = g_strstrip (g_strdup (role != NULL ? role : ""));
  approver->team = team;
  return approver;
}

MqlwApprover *
mqlw_approver_parse (const char *text,
                     GError    **error)
{
  g_auto(GStrv) parts = NULL;
  MqlwTeam team;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, "|", -1);
  if (g_strv_length (parts) != 3)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_APPROVERS,
                   _("An approver is written “Name|Role|team”, e.g. “Dana Lee|VP Sales|sales”, not “%s”"), text);
      return NULL;
    }
  g_strstrip (parts[2]);
  if (!mqlw_team_from_string (parts[2], &team))
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_APPROVERS,
                   _("Approver “%s”: the team must be marketing or sales, not “%s”"), text, parts[2]);
      return NULL;
    }
  return mqlw_approver_new (parts[0], parts[1], team);
}

void
mqlw_approver_free (MqlwApprover *approver)
{
  if (approver == NULL)
    return;
  g_free (approver->name);
  g_free (approver->role);
  g_free (approver);
}

static const char * const part_names[MQLW_SIGNOFF_N_PARTS] = {
  "model", "threshold", "capacity", "dataset", "metrics", "approvers", "notes", "dates", "project_version", "sql",
};

static const char * const part_labels[MQLW_SIGNOFF_N_PARTS] = {
  N_("The model's criteria"), N_("The threshold"), N_("The capacity"), N_("The dataset digest"),
  N_("The metrics at sign-off"), N_("The approvers"), N_("The notes"), N_("The dates"),
  N_("The project version"), N_("The warehouse queries"),
};

static guint
parts_of_format (guint format_version)
{
  return format_version >= 3 ? MQLW_SIGNOFF_N_PARTS
       : format_version == 2 ? MQLW_SIGNOFF_N_PARTS_V2 : MQLW_SIGNOFF_N_PARTS_V1;
}

guint
mqlw_signoff_parts_of_format (guint format_version)
{
  return parts_of_format (format_version);
}

const char *
mqlw_signoff_part_to_string (MqlwSignoffPart part)
{
  g_return_val_if_fail (part < MQLW_SIGNOFF_N_PARTS, NULL);
  return part_names[part];
}

const char *
mqlw_signoff_part_label (MqlwSignoffPart part)
{
  g_return_val_if_fail (part < MQLW_SIGNOFF_N_PARTS, NULL);
  return _(part_labels[part]);
}

/* ---- canonical form and digests ---------------------------------------- */

static char *
node_to_text (JsonNode *node,
              gboolean  pretty)
{
  return mqlw_json_generate (node, pretty);
}

static char *
digest_text (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

char *
mqlw_signoff_digest_node (JsonNode *node)
{
  g_autofree char *text = mqlw_json_canonical_text (node);

  return digest_text (text);
}

/* The model part: the criteria without threshold and capacity. */
char *
mqlw_signoff_digest_model (const MqlwModel *model)
{
  g_autoptr(MqlwModel) criteria = mqlw_model_copy (model);
  g_autofree char *text = NULL;

  criteria->threshold = 0;
  criteria->capacity_per_month = NAN;
  text = mqlw_model_to_json (criteria, FALSE);
  return digest_text (text);
}

char *
mqlw_signoff_digest_overall (char * const *part_digests,
                             guint         format_version)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_printf (text, DIGEST_PREFIX, CLAMP (format_version, 1u, 3u));
  for (guint p = 0; p < parts_of_format (format_version); p++)
    g_string_append_printf (text, "%s=%s\n", part_names[p], part_digests[p] != NULL ? part_digests[p] : "");
  return digest_text (text->str);
}

/* ---- metrics ----------------------------------------------------------- */

JsonNode *
mqlw_signoff_compute_metrics (MqlwDataset *dataset,
                              MqlwModel   *model,
                              GError     **error)
{
  return mqlw_signoff_compute_metrics_for (dataset, model, NULL, error);
}

JsonNode *
mqlw_signoff_compute_metrics_for (MqlwDataset *dataset,
                                  MqlwModel   *model,
                                  const char  *bucket_spec,
                                  GError     **error)
{
  g_autoptr(MqlwScoring) scoring = NULL;
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autoptr(GError) local = NULL;
  MqlwVerdictCuts cuts;
  MqlwPreview preview;
  JsonObject *metrics;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);

  scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, &local);
  if (scoring == NULL)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_SCORE,
                   _("The model cannot score this data: %s"), local->message);
      return NULL;
    }
  spec = mqlw_bucket_spec_parse (bucket_spec != NULL ? bucket_spec : MQLW_SIGNOFF_BUCKET_SPEC, &local);
  if (spec == NULL)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_SCORE,
                   _("The score buckets cannot be built: %s"), local->message);
      return NULL;
    }
  mqlw_verdict_cuts_init_default (&cuts);
  table = mqlw_scoring_buckets (scoring, spec, &cuts, &local);
  if (table == NULL)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_SCORE,
                   _("The score buckets cannot be built: %s"), local->message);
      return NULL;
    }
  mqlw_scoring_preview (scoring, &preview);

  metrics = json_object_new ();
  json_object_set_string_member (metrics, "bucket_spec", bucket_spec != NULL ? bucket_spec : MQLW_SIGNOFF_BUCKET_SPEC);
  json_object_set_member (metrics, "buckets", mqlw_json_signed_buckets (table));
  json_object_set_member (metrics, "preview", mqlw_json_signed_preview (&preview));
  return json_node_init_object (json_node_alloc (), metrics);
}

/* The "bucket_spec" a metrics part records, or NULL. */
const char *
mqlw_signoff_stored_bucket_spec (JsonNode *metrics)
{
  JsonNode *node;

  if (metrics == NULL || !JSON_NODE_HOLDS_OBJECT (metrics))
    return NULL;
  node = json_object_get_member (json_node_get_object (metrics), "bucket_spec");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A narrow column's values as they would be at full width (double or
 * guint32), so that the digest does not depend on the storage. */
static void
checksum_widened (GChecksum        *checksum,
                  const MqlwColumn *column)
{
  double numbers[MQLW_COLUMN_CHUNK];
  guint32 codes[MQLW_COLUMN_CHUNK];

  for (guint start = 0; start < column->n_rows; start += MQLW_COLUMN_CHUNK)
    {
      guint n = MIN (MQLW_COLUMN_CHUNK, column->n_rows - start);

      if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        g_checksum_update (checksum, (const guchar *) mqlw_column_codes (column, start, n, codes),
                           (gssize) (n * sizeof (guint32)));
      else
        g_checksum_update (checksum, (const guchar *) mqlw_column_numbers (column, start, n, numbers),
                           (gssize) (n * sizeof (double)));
    }
}

char *
mqlw_dataset_digest (MqlwDataset *dataset)
{
  g_autoptr(GChecksum) checksum = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);

  if (dataset->source_sha256 != NULL)
    return g_strdup (dataset->source_sha256);
  g_return_val_if_fail (mqlw_dataset_is_loaded (dataset), NULL);

  /* Built in memory: the arrays themselves, in column order. */
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      const MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      gsize size = column->type == MQLW_COLUMN_TYPE_BOOLEAN ? 1 :
                   column->type == MQLW_COLUMN_TYPE_INTEGER || column->type == MQLW_COLUMN_TYPE_DECIMAL ? 8 : 4;

      g_checksum_update (checksum, (const guchar *) column->name, strlen (column->name) + 1);
      if (column->width == size)
        g_checksum_update (checksum, (const guchar *) column->num, (gssize) (size * column->n_rows));
      else
        checksum_widened (checksum, column);
      for (guint c = 0; column->dict != NULL && c < column->dict->len; c++)
        {
          const char *text = g_ptr_array_index (column->dict, c);
          g_checksum_update (checksum, (const guchar *) text, strlen (text) + 1);
        }
    }
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    if (dataset->outcomes.stage[s] != NULL)
      g_checksum_update (checksum, (const guchar *) dataset->outcomes.stage[s], dataset->n_rows);
  return g_strconcat ("content:", g_checksum_get_string (checksum), NULL);
}

/* ---- the sign-off ------------------------------------------------------ */

static MqlwSignoff *
signoff_alloc (void)
{
  MqlwSignoff *self = g_new0 (MqlwSignoff, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->approvers = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);
  self->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_signature_free);
  self->format_version = MQLW_SIGNOFF_FORMAT_VERSION;
  self->capacity_per_month = NAN;
  g_date_clear (&self->signed_on, 1);
  g_date_clear (&self->review_on, 1);
  return self;
}

MqlwSignoff *
mqlw_signoff_ref (MqlwSignoff *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mqlw_signoff_unref (MqlwSignoff *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->model, mqlw_model_unref);
  g_free (self->dataset_file);
  g_free (self->dataset_sha256);
  g_clear_pointer (&self->metrics, json_node_unref);
  g_clear_pointer (&self->sql, json_node_unref);
  g_ptr_array_unref (self->approvers);
  g_free (self->notes);
  for (guint p = 0; p < MQLW_SIGNOFF_N_PARTS; p++)
    g_free (self->part_digests[p]);
  g_free (self->digest);
  g_ptr_array_unref (self->signatures);
  g_clear_pointer (&self->document, json_node_unref);
  g_free (self);
}

static JsonNode *
threshold_node (double threshold)
{
  return json_node_init_double (json_node_alloc (), threshold);
}

static JsonNode *
capacity_node (double capacity)
{
  if (isnan (capacity))
    return json_node_init_null (json_node_alloc ());
  return json_node_init_double (json_node_alloc (), capacity);
}

static JsonNode *
dataset_node (const MqlwSignoff *self)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "file", self->dataset_file != NULL ? self->dataset_file : "");
  json_object_set_string_member (object, "sha256", self->dataset_sha256 != NULL ? self->dataset_sha256 : "");
  json_object_set_int_member (object, "leads", (gint64) self->dataset_leads);
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
approvers_node (GPtrArray *approvers)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < approvers->len; i++)
    {
      const MqlwApprover *approver = g_ptr_array_index (approvers, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "name", approver->name);
      json_object_set_string_member (object, "role", approver->role);
      json_object_set_string_member (object, "team", mqlw_team_to_string (approver->team));
      json_array_add_object_element (array, object);
    }
  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
notes_node (const char *notes)
{
  return json_node_init_string (json_node_alloc (), notes != NULL ? notes : "");
}

static char *format_date (const GDate *date);
static JsonNode *build_document (const MqlwSignoff *self);

/* {"signed_on": …, "review_on": …} from the two members as written. */
static JsonNode *
dates_node (JsonNode *signed_on,
            JsonNode *review_on)
{
  JsonObject *object = json_object_new ();

  json_object_set_member (object, "signed_on", signed_on);
  json_object_set_member (object, "review_on", review_on);
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
string_node (char *text)   /* takes @text */
{
  JsonNode *node = json_node_init_string (json_node_alloc (), text);
  g_free (text);
  return node;
}

static JsonNode *
project_version_node (JsonNode *version)
{
  JsonObject *object = json_object_new ();

  json_object_set_member (object, "project_version", version);
  return json_node_init_object (json_node_alloc (), object);
}

static void
compute_digests (MqlwSignoff *self)
{
  JsonNode *nodes[MQLW_SIGNOFF_N_PARTS] = {
    NULL,
    threshold_node (self->threshold),
    capacity_node (self->capacity_per_month),
    dataset_node (self),
    json_node_ref (self->metrics),
    approvers_node (self->approvers),
    notes_node (self->notes),
    dates_node (string_node (format_date (&self->signed_on)), string_node (format_date (&self->review_on))),
    project_version_node (json_node_init_int (json_node_alloc (), self->version)),
    self->sql != NULL ? json_node_ref (self->sql) : json_node_init_null (json_node_alloc ()),
  };

  for (guint p = 0; p < MQLW_SIGNOFF_N_PARTS; p++)
    {
      g_clear_pointer (&self->part_digests[p], g_free);
      if (p < parts_of_format (self->format_version))
        self->part_digests[p] = p == MQLW_SIGNOFF_PART_MODEL ? mqlw_signoff_digest_model (self->model)
                                                            : mqlw_signoff_digest_node (nodes[p]);
      if (nodes[p] != NULL)
        json_node_unref (nodes[p]);
    }
  g_free (self->digest);
  self->digest = mqlw_signoff_digest_overall (self->part_digests, self->format_version);
}

static gboolean
check_approvers (GPtrArray *approvers,
                 GError   **error)
{
  guint marketing = 0, sales = 0;

  for (guint i = 0; i < approvers->len; i++)
    {
      const MqlwApprover *approver = g_ptr_array_index (approvers, i);

      if (approver->name == NULL || *approver->name == '\0')
        {
          g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_APPROVERS,
                       _("Approver %u has no name; every approver signs with their name"), i + 1);
          return FALSE;
        }
      if (approver->team == MQLW_TEAM_MARKETING)
        marketing++;
      else if (approver->team == MQLW_TEAM_SALES)
        sales++;
    }
  if (marketing == 0 || sales == 0)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_APPROVERS,
                   _("A sign-off needs at least one approver from marketing and one from sales, so that both "
                     "teams agree to the MQL definition; %s"),
                   marketing == 0 && sales == 0 ? _("there are no approvers yet")
                   : marketing == 0 ? _("nobody from marketing has signed yet")
                   : _("nobody from sales has signed yet"));
      return FALSE;
    }
  return TRUE;
}

MqlwSignoff *
mqlw_signoff_create (MqlwDataset  *dataset,
                     MqlwModel    *model,
                     GPtrArray    *approvers,
                     const char   *notes,
                     const GDate  *signed_on,
                     const GDate  *review_on,
                     guint         version,
                     const char   *bucket_spec,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr(MqlwSignoff) self = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (approvers != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_approvers (approvers, error))
    return NULL;
  /* A dataset built in memory is digested from its values, all of them. */
  if (dataset->source_sha256 == NULL && !mqlw_dataset_load_columns (dataset, error))
    return NULL;

  self = signoff_alloc ();
  self->model = mqlw_model_copy (model);
  self->threshold = model->threshold;
  self->capacity_per_month = model->capacity_per_month;
  self->dataset_file = g_strdup (dataset->source_name != NULL ? dataset->source_name : "");
  self->dataset_sha256 = mqlw_dataset_digest (dataset);
  self->dataset_leads = dataset->n_rows;
  self->metrics = mqlw_signoff_compute_metrics_for (dataset, model, bucket_spec, error);
  if (self->metrics == NULL)
    return NULL;
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_CANCELLED, _("The sign-off was cancelled"));
      return NULL;
    }
  for (guint i = 0; i < approvers->len; i++)
    {
      const MqlwApprover *approver = g_ptr_array_index (approvers, i);
      g_ptr_array_add (self->approvers, mqlw_approver_new (approver->name, approver->role, approver->team));
    }
  self->notes = g_strdup (notes != NULL ? notes : "");
  if (signed_on != NULL && g_date_valid (signed_on))
    self->signed_on = *signed_on;
  else
    g_date_set_time_t (&self->signed_on, time (NULL));
  if (review_on != NULL && g_date_valid (review_on))
    self->review_on = *review_on;
  else
    {
      /* "Reviewed quarterly". */
      self->review_on = self->signed_on;
      g_date_add_months (&self->review_on, 3);
    }
  self->version = version;
  {
    g_autoptr(MqlwMapping) schema = mqlw_sql_schema_from_dataset (dataset, NULL);
    self->sql = mqlw_signoff_sql_node (model, schema);
  }
  compute_digests (self);
  self->document = build_document (self);
  return g_steal_pointer (&self);
}

gboolean
mqlw_signoff_set_sql_schema (MqlwSignoff       *self,
                             const MqlwMapping *schema,
                             GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (schema != NULL, FALSE);

  if (self->signatures->len > 0 || self->format_version < 3)
    {
      g_set_error_literal (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_SIGN,
                           _("The warehouse queries of a signed agreed model cannot change"));
      return FALSE;
    }
  g_clear_pointer (&self->sql, json_node_unref);
  self->sql = mqlw_signoff_sql_node (self->model, schema);
  compute_digests (self);
  g_clear_pointer (&self->document, json_node_unref);
  self->document = build_document (self);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  if (!g_date_valid (date))
    return g_strdup ("");
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* The export's object, without "signatures", from the fields. */
static JsonNode *
build_document (const MqlwSignoff *self)
{
  g_autofree char *signed_on = NULL, *review_on = NULL;
  JsonObject *object, *digests;

  signed_on = format_date (&self->signed_on);
  review_on = format_date (&self->review_on);

  object = json_object_new ();
  json_object_set_string_member (object, "format", MQLW_SIGNOFF_FORMAT);
  json_object_set_int_member (object, "version", self->format_version);
  /* The tree the canonical text reads back as (mqlw_model_to_node). */
  json_object_set_member (object, "model", mqlw_model_to_node (self->model));
  json_object_set_member (object, "threshold", threshold_node (self->threshold));
  json_object_set_member (object, "capacity_per_month", capacity_node (self->capacity_per_month));
  json_object_set_member (object, "dataset", dataset_node (self));
  json_object_set_member (object, "metrics", json_node_copy (self->metrics));
  json_object_set_member (object, "approvers", approvers_node (self->approvers));
  json_object_set_member (object, "notes", notes_node (self->notes));
  json_object_set_string_member (object, "signed_on", signed_on);
  json_object_set_string_member (object, "review_on", review_on);
  json_object_set_int_member (object, "project_version", self->version);
  if (self->format_version >= 3 && self->sql != NULL)
    json_object_set_member (object, "sql", json_node_copy (self->sql));
  digests = json_object_new ();
  for (guint p = 0; p < parts_of_format (self->format_version); p++)
    json_object_set_string_member (digests, part_names[p], self->part_digests[p]);
  json_object_set_object_member (object, "part_digests", digests);
  json_object_set_string_member (object, "digest", self->digest);
  return json_node_init_object (json_node_alloc (), object);
}

char *
mqlw_signoff_to_json (const MqlwSignoff *self)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_return_val_if_fail (self != NULL, NULL);

  root = self->document != NULL ? json_node_copy (self->document) : build_document (self);
  object = json_node_get_object (root);
  if (self->format_version >= 2)
    {
      JsonArray *signatures = json_array_new ();

      for (guint i = 0; i < self->signatures->len; i++)
        json_array_add_element (signatures, mqlw_signature_to_node (g_ptr_array_index (self->signatures, i),
                                                                    parts_of_format (self->format_version)));
      json_object_set_array_member (object, "signatures", signatures);
    }
  return node_to_text (root, TRUE);
}

void
mqlw_signoff_upgrade (MqlwSignoff *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->signatures->len == 0);

  if (self->format_version >= 2)
    return;
  self->format_version = 2;
  compute_digests (self);
  g_clear_pointer (&self->document, json_node_unref);
  self->document = build_document (self);
}

JsonObject *
mqlw_signoff_get_document (MqlwSignoff *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->document == NULL)
    self->document = build_document (self);
  return json_node_get_object (self->document);
}

gboolean
mqlw_signoff_export (const MqlwSignoff *self,
                     const char        *path,
                     GError           **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  json = mqlw_signoff_to_json (self);
  /* A temporary file renamed over @path; its errors name the file (mqlw-safe-write.h). */
  return mqlw_safe_write_contents (path, json, -1, error);
}

/* ---- reading an export ------------------------------------------------- */

static const char * const part_members[MQLW_SIGNOFF_N_PARTS_V1] = {
  "model", "threshold", "capacity_per_month", "dataset", "metrics", "approvers", "notes",
};

void
mqlw_parsed_export_clear (MqlwParsedExport *parsed)
{
  for (guint i = 0; i < G_N_ELEMENTS (parsed->owned); i++)
    g_clear_pointer (&parsed->owned[i], json_node_unref);
  g_clear_pointer (&parsed->unknown, g_ptr_array_unref);
}

static gboolean
is_known_member (const char *name,
                 guint       format_version)
{
  if (format_version >= 2 && g_str_equal (name, "signatures"))
    return TRUE;
  if (format_version >= 3 && g_str_equal (name, "sql"))
    return TRUE;
  return g_strv_contains (members_v1, name);
}

static JsonNode *
member_or_null (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node != NULL ? json_node_copy (node) : json_node_init_null (json_node_alloc ());
}

gboolean
mqlw_signoff_parse_export (JsonParser       *parser,
                           const char       *json,
                           gssize            len,
                           gboolean          strict,
                           MqlwParsedExport *parsed,
                           GError          **error)
{
  static const char * const required_v2[] = { "signed_on", "review_on", "project_version", "signatures" };
  g_autoptr(GError) local = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *root;
  const char *format;
  gint64 version;

  if (!mqlw_json_load (parser, json, len, &local))
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("This is not an agreed-model export: %s"), local->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("This is not an agreed-model export: $ is not a JSON object"));
      return FALSE;
    }
  parsed->root = json_node_get_object (root);
  format = mqlw_signoff_member_string (parsed->root, "format", NULL);
  if (g_strcmp0 (format, MQLW_SIGNOFF_FORMAT) != 0)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("This is not an agreed-model export: $.format must be “%s”"), MQLW_SIGNOFF_FORMAT);
      return FALSE;
    }
  version = mqlw_signoff_member_int (parsed->root, "version", 0);
  if (version > MQLW_SIGNOFF_FORMAT_VERSION)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_VERSION,
                   _("This agreed model was exported by a newer MQL Workbench (format %" PRId64 "); this one reads up to %d"),
                   version, MQLW_SIGNOFF_FORMAT_VERSION);
      return FALSE;
    }
  parsed->format_version = CLAMP (version, 1, 3);
  parsed->n_parts = parts_of_format (parsed->format_version);
  for (guint p = 0; p < MQLW_SIGNOFF_N_PARTS_V1; p++)
    {
      parsed->parts[p] = json_object_get_member (parsed->root, part_members[p]);
      if (parsed->parts[p] == NULL)
        {
          g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                       _("This agreed-model export is incomplete: $.%s is missing"), part_members[p]);
          return FALSE;
        }
    }
  for (guint i = 0; parsed->format_version >= 2 && i < G_N_ELEMENTS (required_v2); i++)
    if (!json_object_has_member (parsed->root, required_v2[i]))
      {
        g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                     _("This agreed-model export is incomplete: $.%s is missing"), required_v2[i]);
        return FALSE;
      }
  parsed->owned[0] = dates_node (member_or_null (parsed->root, "signed_on"), member_or_null (parsed->root, "review_on"));
  parsed->owned[1] = project_version_node (member_or_null (parsed->root, "project_version"));
  parsed->parts[MQLW_SIGNOFF_PART_DATES] = parsed->owned[0];
  parsed->parts[MQLW_SIGNOFF_PART_PROJECT_VERSION] = parsed->owned[1];
  if (parsed->format_version >= 3)
    {
      parsed->parts[MQLW_SIGNOFF_PART_SQL] = json_object_get_member (parsed->root, "sql");
      if (parsed->parts[MQLW_SIGNOFF_PART_SQL] == NULL)
        {
          g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                       _("This agreed-model export is incomplete: $.%s is missing"), "sql");
          return FALSE;
        }
    }

  parsed->unknown = g_ptr_array_new_with_free_func (g_free);
  members = json_object_get_members (parsed->root);
  for (GList *l = members; l != NULL; l = l->next)
    if (!is_known_member (l->data, parsed->format_version))
      g_ptr_array_add (parsed->unknown, g_strdup_printf ("$.%s", (const char *) l->data));
  if (strict && parsed->unknown->len > 0)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("This agreed-model export has a member no export has: %s"),
                   (const char *) g_ptr_array_index (parsed->unknown, 0));
      return FALSE;
    }
  return TRUE;
}

MqlwModel *
mqlw_signoff_model_from_node (JsonNode *node,
                              GError  **error)
{
  g_autofree char *text = node_to_text (node, FALSE);
  return mqlw_model_from_json (text, -1, error);
}

static double
number_or_nan (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64)
    return NAN;
  return json_node_get_double (node);
}

/* The records of $.signatures, and the document they sign (the export without them). */
static gboolean
read_signatures (MqlwSignoff      *self,
                 MqlwParsedExport *parsed,
                 GError          **error)
{
  JsonNode *node = json_object_get_member (parsed->root, "signatures");
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  JsonObject *document = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (parsed->root);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "signatures"))
      json_object_set_member (document, l->data, json_node_copy (json_object_get_member (parsed->root, l->data)));
  self->document = json_node_init_object (json_node_alloc (), document);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("The agreed model's $.signatures must be a list"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      MqlwSignature *signature = mqlw_signature_from_node (json_array_get_element (json_node_get_array (node), i),
                                                           i, parsed->n_parts, unknown, error);
      if (signature == NULL)
        return FALSE;
      g_ptr_array_add (self->signatures, signature);
      if (unknown->len > 0)
        {
          g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                       _("This agreed-model export has a member no export has: %s"),
                       (const char *) g_ptr_array_index (unknown, 0));
          return FALSE;
        }
    }
  return TRUE;
}

/* The sign-off in @parsed; its signatures too when @with_signatures. */
MqlwSignoff *
mqlw_signoff_from_parsed (MqlwParsedExport *parsed_in,
                          gboolean          with_signatures,
                          GError          **error)
{
  g_autoptr(MqlwSignoff) self = NULL;
  g_autoptr(GError) local = NULL;
  MqlwParsedExport parsed = *parsed_in;
  JsonObject *dataset, *digests;
  JsonArray *approvers;

  self = signoff_alloc ();
  self->format_version = parsed.format_version;
  self->model = mqlw_signoff_model_from_node (parsed.parts[MQLW_SIGNOFF_PART_MODEL], &local);
  if (self->model == NULL)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("The agreed model's $.model cannot be read: %s"), local->message);
      return NULL;
    }
  self->threshold = number_or_nan (parsed.parts[MQLW_SIGNOFF_PART_THRESHOLD]);
  self->capacity_per_month = number_or_nan (parsed.parts[MQLW_SIGNOFF_PART_CAPACITY]);
  if (!JSON_NODE_HOLDS_OBJECT (parsed.parts[MQLW_SIGNOFF_PART_DATASET]) ||
      !JSON_NODE_HOLDS_ARRAY (parsed.parts[MQLW_SIGNOFF_PART_APPROVERS]) ||
      !JSON_NODE_HOLDS_OBJECT (parsed.parts[MQLW_SIGNOFF_PART_METRICS]))
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("The agreed model's $.dataset, $.metrics and $.approvers must be an object, an object and a list"));
      return NULL;
    }
  dataset = json_node_get_object (parsed.parts[MQLW_SIGNOFF_PART_DATASET]);
  self->dataset_file = g_strdup (mqlw_signoff_member_string (dataset, "file", ""));
  self->dataset_sha256 = g_strdup (mqlw_signoff_member_string (dataset, "sha256", ""));
  self->dataset_leads = (guint64) mqlw_signoff_member_int (dataset, "leads", 0);
  self->metrics = json_node_copy (parsed.parts[MQLW_SIGNOFF_PART_METRICS]);
  if (parsed.format_version >= 3)
    self->sql = json_node_copy (parsed.parts[MQLW_SIGNOFF_PART_SQL]);
  approvers = json_node_get_array (parsed.parts[MQLW_SIGNOFF_PART_APPROVERS]);
  for (guint i = 0; i < json_array_get_length (approvers); i++)
    {
      JsonNode *node = json_array_get_element (approvers, i);
      JsonObject *a = NULL;
      MqlwTeam team;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !mqlw_team_from_string (mqlw_signoff_member_string (a = json_node_get_object (node), "team", ""),
                                  &team))
        {
          g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                       _("The agreed model's $.approvers[%u] needs a name, a role and a team (marketing or sales)"), i);
          return NULL;
        }
      g_ptr_array_add (self->approvers,
                       mqlw_approver_new (mqlw_signoff_member_string (a, "name", ""),
                                          mqlw_signoff_member_string (a, "role", ""), team));
    }
  if (JSON_NODE_HOLDS_VALUE (parsed.parts[MQLW_SIGNOFF_PART_NOTES]) &&
      json_node_get_value_type (parsed.parts[MQLW_SIGNOFF_PART_NOTES]) == G_TYPE_STRING)
    self->notes = g_strdup (json_node_get_string (parsed.parts[MQLW_SIGNOFF_PART_NOTES]));
  else
    self->notes = g_strdup ("");
  parse_date (mqlw_signoff_member_string (parsed.root, "signed_on", NULL), &self->signed_on);
  parse_date (mqlw_signoff_member_string (parsed.root, "review_on", NULL), &self->review_on);
  self->version = (guint) mqlw_signoff_member_int (parsed.root, "project_version", 0);
  digests = json_object_has_member (parsed.root, "part_digests") &&
            JSON_NODE_HOLDS_OBJECT (json_object_get_member (parsed.root, "part_digests"))
            ? json_object_get_object_member (parsed.root, "part_digests") : NULL;
  for (guint p = 0; p < parsed.n_parts; p++)
    self->part_digests[p] = g_strdup (digests != NULL ? mqlw_signoff_member_string (digests, part_names[p], "") : "");
  self->digest = g_strdup (mqlw_signoff_member_string (parsed.root, "digest", ""));
  if (with_signatures && !read_signatures (self, parsed_in, error))
    return NULL;
  return g_steal_pointer (&self);
}

MqlwSignoff *
mqlw_signoff_from_json (const char *json,
                        gssize      len,
                        GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(MqlwParsedExport) parsed = { 0 };

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mqlw_signoff_parse_export (parser, json, len, TRUE, &parsed, error))
    return NULL;
  return mqlw_signoff_from_parsed (&parsed, TRUE, error);
}
