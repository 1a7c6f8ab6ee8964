/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-signature-list"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-background.h"
#include "mqlw-signature-list.h"

struct _MqlwSignatureList
{
  AdwPreferencesGroup parent_instance;

  MqlwSignoff        *signoff;
  MqlwVerifyResult   *result;        /* of the last check, or NULL */
  GCancellable       *cancellable;
  GPtrArray          *rows;          /* GtkWidget*, ours */
  guint               n_missing;
  gboolean            checking;
};

G_DEFINE_FINAL_TYPE (MqlwSignatureList, mqlw_signature_list, ADW_TYPE_PREFERENCES_GROUP)

static const char *
team_label (MqlwTeam team)
{
  return team == MQLW_TEAM_SALES ? _("Sales") : _("Marketing");
}

static char *
format_signed_at (const char *signed_at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (signed_at, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%-e %b %Y, %H:%M") : g_strdup (signed_at);
}

static const MqlwSignatureCheck *
find_check (MqlwSignatureList *self,
            const char        *name)
{
  for (guint i = 0; self->result != NULL && i < self->result->signatures->len; i++)
    {
      const MqlwSignatureCheck *check = g_ptr_array_index (self->result->signatures, i);
      if (g_strcmp0 (check->name, name) == 0)
        return check;
    }
  return NULL;
}

static GtkWidget *
status_badge (const char *text,
              const char *style)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, style);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  return badge;
}

static GtkWidget *
approver_row (MqlwSignatureList  *self,
              const MqlwApprover *approver)
{
  const MqlwSignature *signature = mqlw_signoff_find_signature (self->signoff, approver->name);
  const MqlwSignatureCheck *check = signature != NULL ? find_check (self, approver->name) : NULL;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL, *subtitle = NULL;
  const char *icon, *badge, *style;

  title = *approver->role != '\0' ? g_strdup_printf ("%s · %s", approver->name, approver->role)
                                  : g_strdup (approver->name);
  if (signature == NULL)
    {
      subtitle = g_strdup_printf (_("%s · signature missing: they sign on their machine (mqlw sign) or here"),
                                  team_label (approver->team));
      icon = "dialog-warning-symbolic";
      badge = _("Missing");
      style = "badge-draft";
    }
  else
    {
      g_autofree char *when = format_signed_at (signature->signed_at);

      subtitle = g_strdup_printf (_("%s · signed %s · key %s"), team_label (approver->team), g_strstrip (when),
                                  signature->fingerprint);
      if (check == NULL)
        icon = "content-loading-symbolic", badge = self->checking ? _("Checking…") : _("Signed"), style = "badge-on-show";
      else if (check->status == MQLW_SIGNATURE_TRUSTED)
        icon = "emblem-ok-symbolic", badge = _("Trusted key"), style = "badge-signed";
      else if (check->status == MQLW_SIGNATURE_UNKNOWN_KEY)
        icon = "dialog-question-symbolic", badge = _("Unknown key"), style = "badge-draft";
      else
        icon = "dialog-error-symbolic", badge = _("Invalid"), style = "badge-invalid";
      if (check != NULL && check->status != MQLW_SIGNATURE_TRUSTED)
        gtk_widget_set_tooltip_text (row, check->message);
    }
  /* Names and roles are text ("Sales & Marketing"), never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_badge (badge, style));
  gtk_widget_set_name (row, signature != NULL ? "signature-row" : "missing-signature-row");
  return row;
}

static char *
summarize (MqlwSignatureList *self)
{
  gboolean marketing = mqlw_signoff_team_signed (self->signoff, MQLW_TEAM_MARKETING);
  gboolean sales = mqlw_signoff_team_signed (self->signoff, MQLW_TEAM_SALES);

  if (self->result != NULL && mqlw_verify_result_signed_off (self->result))
    return g_strdup (_("Signed off: marketing and sales signed with keys this project trusts."));
  if (self->result != NULL && !mqlw_verify_result_ok (self->result) && self->result->changed != 0)
    return g_strdup (_("This agreed model was changed after it was signed: its signatures no longer match."));
  if (!marketing && !sales)
    return g_strdup (_("Not signed with keys yet: a marketing and a sales signature are missing."));
  if (!sales)
    return g_strdup (_("Waiting for sales: the sales signature is missing."));
  if (!marketing)
    return g_strdup (_("Waiting for marketing: the marketing signature is missing."));
  if (self->checking || self->result == NULL)
    return g_strdup (_("Both teams signed; checking the signatures…"));
  return g_strdup (_("Both teams signed, but not every key is among the project’s trusted approver cards "
                     "(add them on the Project page)."));
}

static void
refill (MqlwSignatureList *self)
{
  g_autofree char *summary = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->n_missing = 0;
  if (self->signoff == NULL)
    return;
  for (guint i = 0; i < self->signoff->approvers->len; i++)
    {
      const MqlwApprover *approver = g_ptr_array_index (self->signoff->approvers, i);
      GtkWidget *row = approver_row (self, approver);

      self->n_missing += mqlw_signoff_find_signature (self->signoff, approver->name) == NULL;
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
  summary = summarize (self);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), summary);
}

/* ---- checking, in a worker thread --------------------------------------- */

typedef struct {
  char *json;
  char *allowed;
} Check;

static void
check_free (Check *check)
{
  g_free (check->json);
  g_free (check->allowed);
  g_free (check);
}

static void
run_check (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Check *check = task_data;
  MqlwVerifyResult *result = NULL;
  GError *error = NULL;

  mqlw_background_thread_begin ();
  if (mqlw_signoff_verify_full (check->json, -1, NULL, check->allowed, cancellable, &result, &error))
    g_task_return_pointer (task, result, (GDestroyNotify) mqlw_verify_result_free);
  else
    g_task_return_error (task, error);
}

static void
on_check_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MqlwSignatureList *self = MQLW_SIGNATURE_LIST (object);
  g_autoptr(GError) error = NULL;
  MqlwVerifyResult *verified = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&verified, mqlw_verify_result_free);
      return;
    }
  self->checking = FALSE;
  g_clear_pointer (&self->result, mqlw_verify_result_free);
  self->result = verified;
  refill (self);
  if (verified == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The signatures could not be checked: %s"), error->message);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), text);
    }
}

void
mqlw_signature_list_set_signoff (MqlwSignatureList *self,
                                 MqlwSignoff       *signoff,
                                 const char        *allowed_signers)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (MQLW_IS_SIGNATURE_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->result, mqlw_verify_result_free);
  g_clear_pointer (&self->signoff, mqlw_signoff_unref);
  self->signoff = signoff != NULL ? mqlw_signoff_ref (signoff) : NULL;
  self->checking = signoff != NULL && signoff->signatures->len > 0;
  refill (self);
  if (!self->checking)
    return;

  self->cancellable = g_cancellable_new ();
  check = g_new0 (Check, 1);
  check->json = mqlw_signoff_to_json (signoff);
  check->allowed = g_strdup (allowed_signers != NULL ? allowed_signers : "");
  task = g_task_new (self, self->cancellable, on_check_done_cb, NULL);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_run_in_thread (task, run_check);
}

gboolean
mqlw_signature_list_is_checking (MqlwSignatureList *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNATURE_LIST (self), FALSE);
  return self->checking;
}

guint
mqlw_signature_list_get_n_missing (MqlwSignatureList *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNATURE_LIST (self), 0);
  return self->n_missing;
}

const char *
mqlw_signature_list_get_summary (MqlwSignatureList *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNATURE_LIST (self), NULL);
  return adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (self));
}

/* ---- GObject ------------------------------------------------------------ */

static void
mqlw_signature_list_dispose (GObject *object)
{
  MqlwSignatureList *self = MQLW_SIGNATURE_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (mqlw_signature_list_parent_class)->dispose (object);
}

static void
mqlw_signature_list_finalize (GObject *object)
{
  MqlwSignatureList *self = MQLW_SIGNATURE_LIST (object);

  g_clear_pointer (&self->signoff, mqlw_signoff_unref);
  g_clear_pointer (&self->result, mqlw_verify_result_free);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (mqlw_signature_list_parent_class)->finalize (object);
}

static void
mqlw_signature_list_class_init (MqlwSignatureListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mqlw_signature_list_dispose;
  object_class->finalize = mqlw_signature_list_finalize;
}

static void
mqlw_signature_list_init (MqlwSignatureList *self)
{
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Signatures"));
}

MqlwSignatureList *
mqlw_signature_list_new (void)
{
  return g_object_new (MQLW_TYPE_SIGNATURE_LIST, NULL);
}
