/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mqlw-application.h"
#include "mqlw-project-session.h"
#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_WINDOW (mqlw_window_get_type ())
G_DECLARE_FINAL_TYPE (MqlwWindow, mqlw_window, MQLW, WINDOW, AdwApplicationWindow)

MqlwWindow    *mqlw_window_new            (MqlwApplication *application);
/* A CSV goes to the mapping page, a .json model replaces the current model, a
 * .mqlw project is opened (after the unsaved-changes guard). */
void           mqlw_window_open_file      (MqlwWindow      *self,
                                           GFile           *file);
MqlwWorkbench *mqlw_window_get_workbench  (MqlwWindow      *self);
/* Shows a warehouse's calibration aggregate (mqlw-aggregate.h) at @path under
 * @model (nullable: an empty model at threshold 0); @schema (nullable): the
 * columns of the leads it came from, for saving its sample queries. */
void           mqlw_window_open_aggregate (MqlwWindow        *self,
                                           const char        *path,
                                           MqlwModel         *model,
                                           const MqlwMapping *schema);
/* "empty", "mapping", "loading" or "workbench". */
const char    *mqlw_window_get_page       (MqlwWindow      *self);
/* "chart", "sweep" or "project" (versions and scenarios). */
void           mqlw_window_set_view       (MqlwWindow      *self,
                                           const char      *name);
/* The child widgets, for tests that read what is displayed. */
GtkWidget     *mqlw_window_get_child      (MqlwWindow      *self,
                                           const char      *name);   /* "preview", "buckets", "model", "mapping", "chart", "sweep",
                                                                        "threshold", "project", "banner", "banner-revealer" */
/* The open project behind the window. */
MqlwProjectSession *mqlw_window_get_session (MqlwWindow     *self);
/* Size, maximized state and workshop mode from GSettings (the application
 * calls it for the windows it opens; tests do not). */
void           mqlw_window_restore_state  (MqlwWindow      *self);
/* The title of the last toast shown, or NULL (for tests). */
const char    *mqlw_window_get_last_toast (MqlwWindow      *self);
/* The application's settings, or NULL when its schema is not installed. */
GSettings     *mqlw_window_dup_settings   (void);

G_END_DECLS
