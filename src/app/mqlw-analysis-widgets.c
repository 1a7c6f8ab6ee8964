/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-analysis-widgets.h"

void
mqlw_figure_card_init (MqlwFigureCard *card,
                       const char     *title,
                       GtkWidget      *flow)
{
  GtkWidget *heading = gtk_label_new (title);

  card->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (card->card, "card");
  gtk_widget_add_css_class (card->card, "figure-card");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  card->value = GTK_LABEL (gtk_label_new ("\u2013"));
  gtk_label_set_xalign (card->value, 0);
  gtk_widget_add_css_class (GTK_WIDGET (card->value), "figure-value");
  gtk_widget_add_css_class (GTK_WIDGET (card->value), "numeric");
  card->caption = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (card->caption, 0);
  gtk_label_set_wrap (card->caption, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (card->caption), "figure-caption");
  gtk_widget_add_css_class (GTK_WIDGET (card->caption), "dim-label");
  gtk_box_append (GTK_BOX (card->card), heading);
  gtk_box_append (GTK_BOX (card->card), GTK_WIDGET (card->value));
  gtk_box_append (GTK_BOX (card->card), GTK_WIDGET (card->caption));
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->value), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (flow != NULL)
    gtk_flow_box_append (GTK_FLOW_BOX (flow), card->card);
}

void
mqlw_figure_card_set (MqlwFigureCard *card,
                      const char     *value,
                      const char     *caption)
{
  if (g_strcmp0 (gtk_label_get_label (card->value), value) != 0)
    gtk_label_set_label (card->value, value);
  if (g_strcmp0 (gtk_label_get_label (card->caption), caption != NULL ? caption : "") != 0)
    gtk_label_set_label (card->caption, caption != NULL ? caption : "");
}

void
mqlw_table_fill (GtkGrid            *grid,
                 const char * const *header,
                 guint               n_columns,
                 GPtrArray          *cells,
                 guint               right,
                 int                 bold)
{
  GtkWidget *child;
  guint n_rows = cells != NULL ? cells->len / n_columns : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *label = gtk_label_new (header[c]);

      gtk_label_set_xalign (GTK_LABEL (label), (right & (1u << c)) ? 1 : 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (grid, label, (int) c, 0, 1, 1);
    }
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        GtkWidget *label = gtk_label_new (g_ptr_array_index (cells, r * n_columns + c));

        gtk_label_set_xalign (GTK_LABEL (label), (right & (1u << c)) ? 1 : 0);
        gtk_widget_add_css_class (label, "numeric");
        if (c == 0)
          {
            /* The names: shortened when the view is narrow, whole in the tooltip. */
            gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
            gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
            gtk_label_set_width_chars (GTK_LABEL (label), 10);
            gtk_widget_set_tooltip_text (label, g_ptr_array_index (cells, r * n_columns + c));
            gtk_widget_set_hexpand (label, TRUE);
          }
        if ((int) r == bold)
          gtk_widget_add_css_class (label, "heading");
        gtk_grid_attach (grid, label, (int) c, (int) r + 1, 1, 1);
      }
}

guint
mqlw_stage_list_fill (GtkStringList      *model,
                      MqlwStage          *stages,
                      guint              *n_stages,
                      const MqlwOutcomes *outcomes,
                      MqlwStage           preferred)
{
  guint position = 0, n = 0;

  gtk_string_list_splice (model, 0, g_list_model_get_n_items (G_LIST_MODEL (model)), NULL);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      if (outcomes == NULL || outcomes->stage[s] == NULL)
        continue;
      if (s == preferred)
        position = n;
      stages[n++] = s;
      gtk_string_list_append (model, _(mqlw_stage_label (s)));
    }
  *n_stages = n;
  return position;
}
