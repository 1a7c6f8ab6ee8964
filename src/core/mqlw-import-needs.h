/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-import-needs.h — what a command needs of each column, for the readers
 * (not installed).
 *
 * A command that only scores (calibrate, sweep, suggest) says which columns its
 * model reads; the import keeps those, checks the others as if kept and drops
 * them (MQLW_IMPORT_CHECK_ONLY). An e-mail column that the model reads only
 * for its domain (email_domain rules, "is missing") is kept from the last '@'
 * on (MQLW_IMPORT_DOMAIN_ONLY): "@example.com" matches exactly as
 * "ann@example.com" does, and a few thousand domains take the place of one
 * string per lead. The projection is only made where nothing else reads the
 * addresses (mqlw_import_domain_only_allowed ()). */
#pragma once

#include <string.h>

#include "mqlw-mapping.h"

G_BEGIN_DECLS

/* Values of the readers' @checked_only array, one per column. */
enum {
  MQLW_IMPORT_KEEP        = 0,
  MQLW_IMPORT_CHECK_ONLY  = 1,
  MQLW_IMPORT_DOMAIN_ONLY = 2,
};

/* @field (@len bytes, trimmed, not missing) cut to its last '@' and what
 * follows; a value without '@' is kept whole (it matches no domain either way,
 * and stays what a missing-value check reads). */
static inline void
mqlw_import_domain_part (const char **field,
                         gsize       *len)
{
  for (gsize i = *len; i > 0; i--)
    if ((*field)[i - 1] == '@')
      {
        *field += i - 1;
        *len -= i - 1;
        return;
      }
}

/* Whether @spec's column may be kept as domains: a text column taken as the
 * e-mail (whose values no health check reads), no join key, and no value read
 * as missing that holds an '@' (those must be matched whole). */
gboolean mqlw_import_domain_only_allowed (const MqlwMapping    *mapping,
                                          const MqlwColumnSpec *spec);

G_END_DECLS
