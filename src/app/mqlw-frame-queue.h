/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-frame-queue.h — the views' updates, one a frame. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*MqlwFrameUpdate) (GtkWidget *widget);

void     mqlw_frame_queue_add     (GtkWidget       *widget,
                                   MqlwFrameUpdate  update);
void     mqlw_frame_queue_remove  (GtkWidget       *widget);
void     mqlw_frame_queue_hold    (GtkWidget       *widget);
gboolean mqlw_frame_queue_is_idle (GtkWidget       *widget);

G_END_DECLS
