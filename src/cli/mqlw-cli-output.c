/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mqlw-cli.h"
#include "mqlw-json-text.h"

/* The calibration's JSON is written in the core (mqlw-calibration-json.h),
 * which sign-off's metrics share. */

void
mqlw_print_json (JsonNode *root)
{
  g_autofree char *text = mqlw_json_generate (root, TRUE);

  /* json-glib copies strings as they are: a file name that is not UTF-8
   * (bytes a file system allows) would make the output no JSON. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (text, -1);
      g_free (text);
      text = valid;
    }
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* The CSV writing lives in the core (mqlw-export.h) so that the window's
 * exports and the CLI print the same bytes. */
void
mqlw_csv_row (GString           *out,
              const char *const *fields,
              guint              n_fields)
{
  mqlw_csv_append_row (out, fields, n_fields);
}

void
mqlw_print_buckets_text (const MqlwBucketTable *table)
{
  g_autofree char *text = mqlw_text_buckets (table);

  fputs (text, stdout);
  if (table->unscored.leads > 0)
    {
      g_autofree char *scored = g_strdup_printf ("%" G_GUINT64_FORMAT, table->scored_leads);

      g_print (g_dngettext (NULL, "Unscored: leads without a score, in no bucket and no figure; shares are of the %s scored lead.\n", "Unscored: leads without a score, in no bucket and no figure; shares are of the %s scored leads.\n", (gulong) table->scored_leads),
               scored);
    }
  {
    g_autofree char *note = mqlw_verdict_explain (table->verdict_stage, table->verdict_why, table->cuts.stage);

    g_print ("%s", note);
    if (table->verdict_stage < MQLW_N_STAGES)
      g_print (g_dngettext (NULL, " Fewer than %u known outcome: “Too few leads”.", " Fewer than %u known outcomes: “Too few leads”.", table->cuts.min_known), table->cuts.min_known);
    g_print ("\n");
  }
}

void
mqlw_print_buckets_csv (const MqlwBucketTable *table)
{
  g_autofree char *text = mqlw_export_buckets_csv (table);

  fputs (text, stdout);
}

void
mqlw_print_preview_text (const MqlwPreview *preview,
                         const char        *heading)
{
  g_autofree char *text = mqlw_text_preview (preview, heading);

  fputs (text, stdout);
}

void
mqlw_print_previews_csv (const MqlwPreview *previews,
                         guint              n)
{
  g_autofree char *text = mqlw_export_previews_csv (previews, n);

  fputs (text, stdout);
}
