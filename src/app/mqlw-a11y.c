/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-a11y"

#include "config.h"

#include "mqlw-a11y.h"

static gboolean
has_label (GtkWidget *widget)
{
  return widget != NULL && gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* GTK 4.8 reads a name as the widget's label followed by the labels of what
 * labels it: its mnemonic labels and, for a button, its child (an icon adds
 * nothing, a text label repeats itself). */
gboolean
mqlw_a11y_doubled_name (GtkWidget *widget)
{
  g_autoptr(GList) mnemonics = NULL;
  gboolean doubled = FALSE;

  if (!has_label (widget) ||
      !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;
  if (GTK_IS_BUTTON (widget) && has_label (gtk_button_get_child (GTK_BUTTON (widget))))
    return TRUE;
  mnemonics = gtk_widget_list_mnemonic_labels (widget);
  for (GList *l = mnemonics; l != NULL && !doubled; l = l->next)
    doubled = has_label (l->data);
  return doubled;
}

static void
drop_mnemonic_label (GtkWidget *button)
{
  /* Its mnemonic label names it already (GTK sets the relation). */
  if (gtk_button_get_use_underline (GTK_BUTTON (button)) && mqlw_a11y_doubled_name (button))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static gboolean
on_map_hook (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (!GTK_IS_BUTTON (object))
    return TRUE;
  if (g_object_get_data (object, "mqlw-a11y") == NULL)
    {
      g_object_set_data (object, "mqlw-a11y", GINT_TO_POINTER (1));
      g_signal_connect_after (object, "notify::label", G_CALLBACK (drop_mnemonic_label), NULL);
      g_signal_connect_after (object, "notify::use-underline", G_CALLBACK (drop_mnemonic_label), NULL);
    }
  drop_mnemonic_label (GTK_WIDGET (object));
  return TRUE;
}

void
mqlw_a11y_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_map_hook, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}
