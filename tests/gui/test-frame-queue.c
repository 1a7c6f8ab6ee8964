/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "mqlw-frame-queue.h"

/* The frame queue under Xvfb: one update a frame, in the order queued, a
 * widget at most once, nothing in a held frame, nothing for a widget taken
 * out, and at once for a widget in no window. Each update records the
 * number of the frame it ran in. */

#define N_VIEWS 3

static GtkWidget *window;
static GtkWidget *views[N_VIEWS];
static gint64     ran_in[N_VIEWS];
static guint      n_runs[N_VIEWS];

static gint64
frame_now (void)
{
  return gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (window));
}

static void
record (GtkWidget *widget)
{
  for (guint i = 0; i < N_VIEWS; i++)
    if (views[i] == widget)
      {
        ran_in[i] = frame_now ();
        n_runs[i]++;
      }
}

static void
reset (void)
{
  for (guint i = 0; i < N_VIEWS; i++)
    {
      ran_in[i] = -1;
      n_runs[i] = 0;
    }
}

static void
run_until_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!mqlw_frame_queue_is_idle (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_one_a_frame (void)
{
  reset ();
  mqlw_frame_queue_add (views[0], record);
  mqlw_frame_queue_add (views[1], record);
  mqlw_frame_queue_add (views[0], record);   /* already queued: keeps its place */
  mqlw_frame_queue_add (views[2], record);
  g_assert_false (mqlw_frame_queue_is_idle (views[1]));
  run_until_idle ();

  for (guint i = 0; i < N_VIEWS; i++)
    g_assert_cmpuint (n_runs[i], ==, 1);
  /* Three frames, one after the other, in the order queued. */
  g_assert_cmpint (ran_in[1], ==, ran_in[0] + 1);
  g_assert_cmpint (ran_in[2], ==, ran_in[1] + 1);
}

static void
test_hold_and_remove (void)
{
  gint64 held;

  reset ();
  held = frame_now ();
  mqlw_frame_queue_hold (window);
  mqlw_frame_queue_add (views[0], record);
  mqlw_frame_queue_add (views[1], record);
  mqlw_frame_queue_remove (views[0]);
  run_until_idle ();

  g_assert_cmpuint (n_runs[0], ==, 0);
  g_assert_cmpuint (n_runs[1], ==, 1);
  /* The first frame after the hold ran nothing. */
  g_assert_cmpint (ran_in[1], >=, held + 2);
}

static void
test_outside_a_window (void)
{
  g_autoptr(GtkWidget) loose = g_object_ref_sink (gtk_label_new (NULL));
  GtkWidget *saved = views[2];

  reset ();
  views[2] = loose;
  mqlw_frame_queue_add (loose, record);   /* no window: now */
  g_assert_cmpuint (n_runs[2], ==, 1);
  g_assert_true (mqlw_frame_queue_is_idle (loose));
  views[2] = saved;
}

int
main (int   argc,
      char *argv[])
{
  GtkWidget *box;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; i < N_VIEWS; i++)
    {
      views[i] = gtk_label_new ("view");
      gtk_box_append (GTK_BOX (box), views[i]);
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_frame_clock (window) == NULL || !gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  g_test_add_func ("/mqlw/frame-queue/one-a-frame", test_one_a_frame);
  g_test_add_func ("/mqlw/frame-queue/hold-and-remove", test_hold_and_remove);
  g_test_add_func ("/mqlw/frame-queue/outside-a-window", test_outside_a_window);
  return g_test_run ();
}
