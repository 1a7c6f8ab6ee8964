/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-suggestion-text"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "mqlw-format.h"
#include "mqlw-suggestion-text.h"

char *
mqlw_suggestion_title (MqlwSuggestionKind kind,
                       double             capacity)
{
  MqlwSuggestOptions options;
  g_autofree char *a = NULL, *b = NULL;

  mqlw_suggest_options_init_default (&options);
  switch (kind)
    {
    case MQLW_SUGGEST_TARGET_SQL:
      a = mqlw_format_percent (options.target_sql_rate);
      return g_strdup_printf (_("Lowest threshold with SQL rate ≥ %s"), a);
    case MQLW_SUGGEST_ACCEPTANCE:
      a = mqlw_format_percent (options.acceptance_low);
      b = mqlw_format_percent (options.acceptance_high);
      return g_strdup_printf (_("Lowest threshold with sales acceptance %s to %s"), a, b);
    case MQLW_SUGGEST_TOP_30:
      a = mqlw_format_percent (options.top_high);
      return g_strdup_printf (_("Lowest threshold keeping MQLs within the top %s of leads"), a);
    case MQLW_SUGGEST_TOP_20:
      a = mqlw_format_percent (options.top_low);
      return g_strdup_printf (_("Lowest threshold keeping MQLs within the top %s of leads"), a);
    case MQLW_SUGGEST_CAPACITY:
      if (isnan (capacity))
        return g_strdup (_("Lowest threshold within sales capacity"));
      a = mqlw_format_number (capacity, 0);
      return g_strdup_printf (g_dngettext (NULL, "Lowest threshold within a capacity of %s MQL a month",
                                           "Lowest threshold within a capacity of %s MQLs a month",
                                           mqlw_format_plural_n (capacity, 0)), a);
    default:
      return g_strdup (_(mqlw_suggestion_kind_label (kind)));
    }
}
