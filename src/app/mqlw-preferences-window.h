/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-preferences-window.h — the application's preferences, bound to its
 * GSettings (see the gschema.xml in data/): default score buckets, default sales
 * capacity, the verdict stage and cuts, and the autosave interval when the
 * installed schema has that key. Without a schema (an uninstalled binary) the
 * rows are shown but insensitive, with a note. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MQLW_TYPE_PREFERENCES_WINDOW (mqlw_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MqlwPreferencesWindow, mqlw_preferences_window, MQLW, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @settings nullable. */
MqlwPreferencesWindow *mqlw_preferences_window_new (GtkWindow *parent,
                                                    GSettings *settings);

/* Preset bucket schemes offered ("auto" = the window's automatic choice). */
extern const char *const mqlw_bucket_presets[];

G_END_DECLS
