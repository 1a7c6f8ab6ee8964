/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-import-needs.c — which columns may be kept as e-mail domains (mqlw-import-needs.h). */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include "mqlw-import-needs.h"

static gboolean
any_has_at (const char * const *values,
            guint               n)
{
  for (guint i = 0; values != NULL && i < n && values[i] != NULL; i++)
    if (strchr (values[i], '@') != NULL)
      return TRUE;
  return FALSE;
}

gboolean
mqlw_import_domain_only_allowed (const MqlwMapping    *mapping,
                                 const MqlwColumnSpec *spec)
{
  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  /* Another role (fit, none) is read whole by the leak checks of the rules. */
  if (spec->role != MQLW_ROLE_EMAIL || spec->type != MQLW_COLUMN_TYPE_CATEGORICAL)
    return FALSE;
  for (guint j = 0; j < mapping->joins->len; j++)
    {
      const MqlwJoinSpec *join = g_ptr_array_index (mapping->joins, j);
      if (g_strcmp0 (join->key, spec->name) == 0)
        return FALSE;
    }
  /* The built-in placeholders hold no '@'; a listed value may ("none@none.com"). */
  if (mapping->missing_values != NULL &&
      any_has_at ((const char * const *) mapping->missing_values->pdata, mapping->missing_values->len))
    return FALSE;
  return !any_has_at ((const char * const *) spec->missing_values, G_MAXUINT);
}
