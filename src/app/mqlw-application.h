/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MQLW_TYPE_APPLICATION (mqlw_application_get_type ())
G_DECLARE_FINAL_TYPE (MqlwApplication, mqlw_application, MQLW, APPLICATION, AdwApplication)

MqlwApplication *mqlw_application_new         (const char        *application_id,
                                               GApplicationFlags  flags);
/* Folder holding leads-5000.csv and the example models: $MQLW_SAMPLES_DIR,
 * else PKGDATADIR/samples, else the source tree. NULL when none has them. */
char            *mqlw_application_samples_dir (void);

G_END_DECLS
