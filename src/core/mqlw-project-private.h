/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-project-private.h — test hooks of the project store. Not for the app. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fault injection: the @n-th sqlite statement step (or exec) from now, counted
 * across every project opened or saved in this process, fails as if the disk
 * had failed (SQLITE_IOERR). 0 switches it off. */
void  mqlw_project_test_fail_at_step (guint n);
/* Steps taken since the last mqlw_project_test_fail_at_step() call. */
guint mqlw_project_test_steps_taken  (void);

G_END_DECLS
