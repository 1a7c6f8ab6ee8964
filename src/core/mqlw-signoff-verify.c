/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verifying an export: its digests recomputed, its figures recomputed from
 * the data when given, its key signatures checked (mqlw-signatures.c). */
#define G_LOG_DOMAIN "mqlw-signoff"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-signoff.h"
#include "mqlw-signoff-private.h"

/* ---- verification ------------------------------------------------------ */

void
mqlw_verify_result_free (MqlwVerifyResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->messages, g_ptr_array_unref);
  g_clear_pointer (&result->unknown_members, g_ptr_array_unref);
  g_clear_pointer (&result->signatures, g_ptr_array_unref);
  g_free (result);
}

static void
signature_check_free (MqlwSignatureCheck *check)
{
  g_free (check->name);
  g_free (check->fingerprint);
  g_free (check->signed_at);
  g_free (check->message);
  g_free (check);
}

gboolean
mqlw_verify_result_ok (const MqlwVerifyResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  if (result->changed != 0 || !result->digest_ok || result->unknown_members->len > 0 ||
      (result->data_checked && !result->data_metrics_match))
    return FALSE;
  for (guint i = 0; i < result->signatures->len; i++)
    if (((MqlwSignatureCheck *) g_ptr_array_index (result->signatures, i))->status == MQLW_SIGNATURE_INVALID)
      return FALSE;
  return !result->trust_checked || mqlw_verify_result_signed_off (result);
}

gboolean
mqlw_verify_result_signed_off (const MqlwVerifyResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  if (result->format_version < 2 || !result->trust_checked || result->changed != 0 || !result->digest_ok ||
      result->unknown_members->len > 0)
    return FALSE;
  for (guint i = 0; i < result->signatures->len; i++)
    if (((MqlwSignatureCheck *) g_ptr_array_index (result->signatures, i))->status != MQLW_SIGNATURE_TRUSTED)
      return FALSE;
  return result->team_signed[MQLW_TEAM_MARKETING] && result->team_signed[MQLW_TEAM_SALES];
}

static void
add_message (MqlwVerifyResult *result,
             const char       *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_message (MqlwVerifyResult *result,
             const char       *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (result->messages, g_strdup_vprintf (format, args));
  va_end (args);
}

char *
mqlw_signoff_recompute_part (MqlwParsedExport *parsed,
                             MqlwSignoffPart   part)
{
  if (part == MQLW_SIGNOFF_PART_MODEL)
    {
      g_autoptr(MqlwModel) model = mqlw_signoff_model_from_node (parsed->parts[part], NULL);
      return model != NULL ? mqlw_signoff_digest_model (model) : NULL;
    }
  return mqlw_signoff_digest_node (parsed->parts[part]);
}

static gboolean
same_number (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

gboolean
mqlw_signoff_verify (const char        *json,
                     gssize             len,
                     MqlwDataset       *dataset,
                     MqlwVerifyResult **result_out,
                     GError           **error)
{
  return mqlw_signoff_verify_full (json, len, dataset, NULL, NULL, result_out, error);
}

gboolean
mqlw_signoff_verify_full (const char        *json,
                          gssize             len,
                          MqlwDataset       *dataset,
                          const char        *allowed_signers,
                          GCancellable      *cancellable,
                          MqlwVerifyResult **result_out,
                          GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MqlwSignoff) stored = NULL;
  g_autoptr(MqlwVerifyResult) result = NULL;
  g_auto(MqlwParsedExport) parsed = { 0 };
  g_autofree char *overall = NULL;

  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (result_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!mqlw_signoff_parse_export (parser, json, len, FALSE, &parsed, error))
    return FALSE;
  stored = mqlw_signoff_from_parsed (&parsed, FALSE, NULL);

  result = g_new0 (MqlwVerifyResult, 1);
  result->messages = g_ptr_array_new_with_free_func (g_free);
  result->unknown_members = g_ptr_array_new_with_free_func (g_free);
  result->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) signature_check_free);
  result->format_version = parsed.format_version;
  result->trust_checked = allowed_signers != NULL;

  for (guint i = 0; i < parsed.unknown->len; i++)
    {
      const char *member = g_ptr_array_index (parsed.unknown, i);

      g_ptr_array_add (result->unknown_members, g_strdup (member));
      add_message (result, _("%s is not part of an agreed-model export: it was added after export"), member);
    }

  for (guint p = 0; p < parsed.n_parts; p++)
    {
      g_autofree char *digest = mqlw_signoff_recompute_part (&parsed, p);
      const char *signed_digest = stored != NULL ? stored->part_digests[p] : NULL;

      if (digest == NULL || g_strcmp0 (digest, signed_digest) != 0)
        {
          result->changed |= 1u << p;
          /* Translators: "The threshold changed after sign-off (threshold)"; the name in parentheses stays English. */
          add_message (result, _("%s changed after sign-off (%s)"),
                       mqlw_signoff_part_label (p), mqlw_signoff_part_to_string (p));
        }
    }

  /* The model carries its own threshold and capacity: they must be the signed ones. */
  if (stored != NULL && stored->model != NULL)
    {
      if (!same_number (stored->model->threshold, stored->threshold) &&
          !(result->changed & (1u << MQLW_SIGNOFF_PART_THRESHOLD)))
        {
          result->changed |= 1u << MQLW_SIGNOFF_PART_THRESHOLD;
          add_message (result, _("%s changed after sign-off (%s): the model inside says %g, the signed threshold is %g"),
                       mqlw_signoff_part_label (MQLW_SIGNOFF_PART_THRESHOLD),
                       mqlw_signoff_part_to_string (MQLW_SIGNOFF_PART_THRESHOLD),
                       stored->model->threshold, stored->threshold);
        }
      if (!same_number (stored->model->capacity_per_month, stored->capacity_per_month) &&
          !(result->changed & (1u << MQLW_SIGNOFF_PART_CAPACITY)))
        {
          result->changed |= 1u << MQLW_SIGNOFF_PART_CAPACITY;
          add_message (result, _("%s changed after sign-off (%s): the model inside disagrees with the signed capacity"),
                       mqlw_signoff_part_label (MQLW_SIGNOFF_PART_CAPACITY),
                       mqlw_signoff_part_to_string (MQLW_SIGNOFF_PART_CAPACITY));
        }
    }

  overall = stored != NULL ? mqlw_signoff_digest_overall (stored->part_digests, parsed.format_version) : NULL;
  result->digest_ok = stored != NULL && g_strcmp0 (overall, stored->digest) == 0;
  if (!result->digest_ok)
    add_message (result, _("The sign-off digest does not match the part digests: the digests were edited after sign-off"));

  if (dataset != NULL && stored != NULL)
    {
      g_autofree char *data_digest = mqlw_dataset_digest (dataset);
      g_autoptr(MqlwModel) model = mqlw_model_copy (stored->model);
      g_autoptr(GError) local = NULL;
      g_autoptr(JsonNode) metrics = NULL;

      result->data_checked = TRUE;
      result->data_same_file = g_strcmp0 (data_digest, stored->dataset_sha256) == 0;
      if (result->data_same_file)
        add_message (result, _("The data “%s” is the file that was signed off (same SHA-256)"), dataset->source_name);
      else
        add_message (result, _("The data “%s” is not the file that was signed off (“%s”): its SHA-256 differs"),
                     dataset->source_name, stored->dataset_file);

      model->threshold = stored->threshold;
      model->capacity_per_month = stored->capacity_per_month;
      /* With the bucket scheme that was on show when it was signed. */
      metrics = mqlw_signoff_compute_metrics_for (dataset, model,
                                                  mqlw_signoff_stored_bucket_spec (parsed.parts[MQLW_SIGNOFF_PART_METRICS]),
                                                  &local);
      if (metrics == NULL)
        add_message (result, _("The figures cannot be recomputed from this data: %s"), local->message);
      else
        {
          g_autofree char *fresh = mqlw_signoff_digest_node (metrics);
          g_autofree char *signed_metrics = mqlw_signoff_digest_node (parsed.parts[MQLW_SIGNOFF_PART_METRICS]);

          result->data_metrics_match = g_strcmp0 (fresh, signed_metrics) == 0;
          add_message (result, result->data_metrics_match
                               ? _("The figures recomputed from the data match the figures signed off")
                               : _("The figures recomputed from the data differ from the figures signed off"));
        }
    }

  if (parsed.format_version < 2)
    add_message (result, _("Not signed with keys: this export (format 1) carries digests only, which say whether it "
                           "changed since export but not who signed it"));
  else if (!mqlw_signatures_check (&parsed, allowed_signers, result, cancellable, error))
    return FALSE;

  *result_out = g_steal_pointer (&result);
  return TRUE;
}
