/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-frame-queue"

#include "config.h"

#include "mqlw-frame-queue.h"

/* A weight edit changes the bucket table, the preview and the chart at once,
 * and GTK lays out and paints every widget whose text changed in the frame
 * that shows it: at a million leads as at five thousand, each is a few
 * milliseconds of the main thread, together more than a frame. So the views
 * (the table, the preview, the chart's new image, the sweep, the model
 * panel's new rows)
 * queue their updates on the window and every frame runs one of them, the
 * one that waited longest: a weight edit's figures land within four frames
 * (about 67 ms at 60 Hz, at once to a person) and no frame carries them all.
 * During a drag, when each view has a new update every frame, they take
 * turns. A view queues itself at most once and leaves the queue when
 * unmapped; a page shown for the first time gets a frame of its own
 * (mqlw_frame_queue_hold). */

typedef struct {
  GtkWidget       *widget;
  MqlwFrameUpdate  update;
} Entry;

typedef struct {
  GtkWidget *root;
  GQueue     entries;
  guint      tick_id;
  gboolean   hold;      /* the coming frame runs no update */
} FrameQueue;

#define QUEUE_KEY "mqlw-frame-queue"

static void
frame_queue_free (FrameQueue *queue)
{
  g_queue_clear_full (&queue->entries, g_free);
  g_free (queue);
}

static FrameQueue *
get_queue (GtkWidget *widget,
           gboolean   create)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  FrameQueue *queue;

  if (root == NULL)
    return NULL;
  queue = g_object_get_data (G_OBJECT (root), QUEUE_KEY);
  if (queue == NULL && create)
    {
      queue = g_new0 (FrameQueue, 1);
      queue->root = root;
      g_queue_init (&queue->entries);
      g_object_set_data_full (G_OBJECT (root), QUEUE_KEY, queue, (GDestroyNotify) frame_queue_free);
    }
  return queue;
}

static gint
compare_widget (gconstpointer entry,
                gconstpointer widget)
{
  return ((const Entry *) entry)->widget == widget ? 0 : 1;
}

static gboolean
tick_cb (GtkWidget     *root,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  FrameQueue *queue = user_data;
  Entry *entry;

  if (queue->hold)
    {
      queue->hold = FALSE;
      return G_SOURCE_CONTINUE;
    }
  entry = g_queue_pop_head (&queue->entries);
  if (entry != NULL)
    {
      entry->update (entry->widget);
      g_free (entry);
    }
  if (!g_queue_is_empty (&queue->entries))
    return G_SOURCE_CONTINUE;
  queue->tick_id = 0;   /* removed by returning G_SOURCE_REMOVE */
  return G_SOURCE_REMOVE;
}

/* @update runs at the start of a coming frame (at once when @widget is in no
 * window); nothing more when @widget is already queued. */
void
mqlw_frame_queue_add (GtkWidget       *widget,
                      MqlwFrameUpdate  update)
{
  FrameQueue *queue;
  Entry *entry;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (update != NULL);

  queue = get_queue (widget, TRUE);
  if (queue == NULL)
    {
      update (widget);
      return;
    }
  if (g_queue_find_custom (&queue->entries, widget, compare_widget) != NULL)
    return;
  entry = g_new (Entry, 1);
  entry->widget = widget;
  entry->update = update;
  g_queue_push_tail (&queue->entries, entry);
  if (queue->tick_id == 0)
    queue->tick_id = gtk_widget_add_tick_callback (queue->root, tick_cb, queue, NULL);
}

void
mqlw_frame_queue_remove (GtkWidget *widget)
{
  FrameQueue *queue;
  GList *link;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  queue = get_queue (widget, FALSE);
  if (queue == NULL || (link = g_queue_find_custom (&queue->entries, widget, compare_widget)) == NULL)
    return;
  g_free (link->data);
  g_queue_delete_link (&queue->entries, link);
}

/* The coming frame of @widget's window has a lot of its own to do (a page
 * shown for the first time): the updates start at the one after. */
void
mqlw_frame_queue_hold (GtkWidget *widget)
{
  FrameQueue *queue;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  queue = get_queue (widget, TRUE);
  if (queue == NULL)
    return;
  queue->hold = TRUE;
  if (queue->tick_id == 0)
    queue->tick_id = gtk_widget_add_tick_callback (queue->root, tick_cb, queue, NULL);
}

/* Whether @widget's window has no update waiting for a frame. */
gboolean
mqlw_frame_queue_is_idle (GtkWidget *widget)
{
  FrameQueue *queue;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), TRUE);
  queue = get_queue (widget, FALSE);
  return queue == NULL || g_queue_is_empty (&queue->entries);
}
