/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_BUCKET_VIEW (mqlw_bucket_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwBucketView, mqlw_bucket_view, MQLW, BUCKET_VIEW, GtkWidget)

/* The bucket table under the chart: the same numbers, as text. The scheme
 * selector activates win.set-buckets. */
void  mqlw_bucket_view_set_workbench (MqlwBucketView *self,
                                      MqlwWorkbench  *workbench);
guint mqlw_bucket_view_get_n_rows    (MqlwBucketView *self);
/* The text shown in a cell; @column is "scores", "leads", "share",
 * "accepted", "sql", "opportunity", "won" or "verdict". */
char *mqlw_bucket_view_dup_cell      (MqlwBucketView *self,
                                      guint           row,
                                      const char     *column);
/* The rows on show (one GObject per bucket, kept across updates: a threshold
 * move or a new table of the same size changes them in place). */
GListModel *mqlw_bucket_view_get_rows  (MqlwBucketView *self);
/* Whether @column has its own column at this width; the columns that do not
 * fit are in the detail line under the score (its text, without markup:
 * "" when every column fits). */
gboolean    mqlw_bucket_view_column_visible (MqlwBucketView *self,
                                             const char     *column);
char       *mqlw_bucket_view_dup_detail     (MqlwBucketView *self,
                                             guint           row);
/* What the scheme drop-down shows: "Automatic", "Width 10", "Custom edges"… */
char       *mqlw_bucket_view_dup_scheme_label (MqlwBucketView *self);
/* Picks item @index of the drop-down (0 "Automatic" … the last "Custom"), as a click does. */
void        mqlw_bucket_view_select_scheme    (MqlwBucketView *self,
                                               guint           index);

G_END_DECLS
