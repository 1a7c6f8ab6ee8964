/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-signer-group"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mqlw-background.h"
#include "mqlw-signer-group.h"

struct _MqlwSignerGroup
{
  AdwPreferencesGroup parent_instance;

  GPtrArray          *candidates;      /* MqlwApprover* */
  MqlwSigningKey     *key;
  gboolean            personal;        /* key is the personal key */
  char               *key_problem;     /* why the chosen key cannot be used */
  char               *blocker;
  GCancellable       *cancellable;
  guint               busy;

  AdwComboRow        *signer_row;
  GtkStringList      *signer_names;
  AdwActionRow       *key_row;
  GtkWidget          *create_button;
  GtkWidget          *choose_button;
  AdwActionRow       *card_row;
  AdwPasswordEntryRow *passphrase_row;
  GtkLabel           *error_label;
  GtkNativeDialog    *chooser;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MqlwSignerGroup, mqlw_signer_group, ADW_TYPE_PREFERENCES_GROUP)

static void
label_widget (GtkWidget  *widget,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static const MqlwApprover *
selected_approver (MqlwSignerGroup *self)
{
  guint i = adw_combo_row_get_selected (self->signer_row);

  return i < self->candidates->len ? g_ptr_array_index (self->candidates, i) : NULL;
}

/* ---- state -------------------------------------------------------------- */

static void
update (MqlwSignerGroup *self)
{
  const MqlwApprover *signer = selected_approver (self);
  g_autofree char *subtitle = NULL, *card = NULL;

  g_clear_pointer (&self->blocker, g_free);
  if (self->busy > 0)
    self->blocker = g_strdup (_("Preparing the signing key…"));
  else if (self->candidates->len == 0)
    self->blocker = g_strdup (_("Every approver has signed."));
  else if (self->key == NULL)
    self->blocker = g_strdup (self->key_problem != NULL ? self->key_problem
                              : _("Create your signing key (first use) or choose an OpenSSH key to sign with."));

  if (self->key != NULL)
    subtitle = self->personal
      ? g_strdup_printf (_("Your personal key · %s"), self->key->fingerprint)
      : g_strdup_printf ("%s · %s", self->key->path, self->key->fingerprint);
  else
    subtitle = g_strdup (self->key_problem != NULL ? self->key_problem
                         : _("No signing key yet: create yours, or choose an OpenSSH key"));
  adw_action_row_set_subtitle (self->key_row, subtitle);
  gtk_widget_set_visible (self->create_button, self->key == NULL);

  if (self->key != NULL && signer != NULL)
    card = mqlw_approver_card_format (signer->name, self->key->public_key, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->card_row), card != NULL);
  if (card != NULL)
    adw_action_row_set_subtitle (self->card_row, card);
  gtk_widget_set_sensitive (GTK_WIDGET (self->signer_row), self->candidates->len > 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_key (MqlwSignerGroup *self,
         MqlwSigningKey  *key,      /* takes it */
         gboolean         personal)
{
  g_clear_pointer (&self->key, mqlw_signing_key_free);
  g_clear_pointer (&self->key_problem, g_free);
  self->key = key;
  self->personal = personal;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update (self);
}

/* ---- key work in a worker thread ---------------------------------------- */

typedef struct {
  char *path;           /* read: the key; create: NULL */
  char *comment;
  char *passphrase;
} KeyJob;

static void
key_job_free (KeyJob *job)
{
  g_free (job->path);
  g_free (job->comment);
  if (job->passphrase != NULL)
    memset (job->passphrase, 0, strlen (job->passphrase));
  g_free (job->passphrase);
  g_free (job);
}

static void
run_key_job (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KeyJob *job = task_data;
  GError *error = NULL;
  MqlwSigningKey *key;

  mqlw_background_thread_begin ();
  key = job->path != NULL ? mqlw_signing_key_load (job->path, job->passphrase, &error)
                          : mqlw_personal_key_create (job->comment, job->passphrase, &error);
  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) mqlw_signing_key_free);
}

static void
on_key_job_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MqlwSignerGroup *self = MQLW_SIGNER_GROUP (object);
  KeyJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  MqlwSigningKey *key = g_task_propagate_pointer (G_TASK (result), &error);

  self->busy--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (key == NULL)
    {
      g_clear_pointer (&self->key, mqlw_signing_key_free);
      g_free (self->key_problem);
      self->key_problem = g_strdup (error->message);
      update (self);
      return;
    }
  set_key (self, key, job->path == NULL);
}

static void
start_key_job (MqlwSignerGroup *self,
               KeyJob          *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_key_job_done_cb, NULL);

  g_task_set_task_data (task, job, (GDestroyNotify) key_job_free);
  self->busy++;
  update (self);
  g_task_run_in_thread (task, run_key_job);
}

void
mqlw_signer_group_set_key_path (MqlwSignerGroup *self,
                                const char      *path)
{
  KeyJob *job;

  g_return_if_fail (MQLW_IS_SIGNER_GROUP (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (KeyJob, 1);
  job->path = g_strdup (path);
  start_key_job (self, job);
}

/* ---- creating the personal key (first use) ------------------------------ */

static void
on_passphrase_changed_cb (GtkEditable *editable,
                          GtkWidget   *dialog)
{
  GtkEditable *first = g_object_get_data (G_OBJECT (dialog), "first");
  GtkEditable *second = g_object_get_data (G_OBJECT (dialog), "second");

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create",
                                           g_str_equal (gtk_editable_get_text (first), gtk_editable_get_text (second)));
}

static void
on_create_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       MqlwSignerGroup  *self)
{
  GtkEditable *first = g_object_get_data (G_OBJECT (dialog), "first");
  const MqlwApprover *signer = selected_approver (self);
  KeyJob *job;

  if (!g_str_equal (response, "create"))
    return;
  job = g_new0 (KeyJob, 1);
  job->comment = g_strdup (signer != NULL ? signer->name : g_get_real_name ());
  job->passphrase = g_strdup (gtk_editable_get_text (first));
  start_key_job (self, job);
}

GtkWidget *
mqlw_signer_group_create_key (MqlwSignerGroup *self)
{
  g_autofree char *path = mqlw_personal_key_path ();
  g_autofree char *body = NULL;
  GtkWidget *dialog, *list, *first, *second;
  GtkRoot *root;

  g_return_val_if_fail (MQLW_IS_SIGNER_GROUP (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  body = g_strdup_printf (_("You sign agreed models with a key of your own. MQL Workbench makes an Ed25519 key "
                            "for you with OpenSSH and keeps it in “%s”; only you can read its private part.\n\n"
                            "A passphrase is optional: with one, you type it each time you sign."), path);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Create Your Signing Key"), body);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  first = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (first), _("Passphrase (optional)"));
  second = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (second), _("Passphrase again"));
  gtk_list_box_append (GTK_LIST_BOX (list), first);
  gtk_list_box_append (GTK_LIST_BOX (list), second);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "first", first);
  g_object_set_data (G_OBJECT (dialog), "second", second);
  g_signal_connect (first, "changed", G_CALLBACK (on_passphrase_changed_cb), dialog);
  g_signal_connect (second, "changed", G_CALLBACK (on_passphrase_changed_cb), dialog);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "create", _("C_reate Key"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_create_response_cb), self, 0);
  gtk_widget_set_name (dialog, "create-key-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_create_clicked_cb (MqlwSignerGroup *self)
{
  mqlw_signer_group_create_key (self);
}

/* ---- choosing an existing key ------------------------------------------- */

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        MqlwSignerGroup *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        mqlw_signer_group_set_key_path (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
on_choose_clicked_cb (MqlwSignerGroup *self)
{
  g_autofree char *ssh_dir = g_build_filename (g_get_home_dir (), ".ssh", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (ssh_dir);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Choose Your Signing Key"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  if (g_file_test (ssh_dir, G_FILE_TEST_IS_DIR))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
on_copy_card_clicked_cb (MqlwSignerGroup *self)
{
  const char *card = adw_action_row_get_subtitle (self->card_row);

  if (card != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), card);
}

/* ---- public ------------------------------------------------------------- */

void
mqlw_signer_group_set_candidates (MqlwSignerGroup *self,
                                  GPtrArray       *approvers)
{
  const MqlwApprover *before;
  g_autofree char *keep = NULL;
  guint selected = 0;

  g_return_if_fail (MQLW_IS_SIGNER_GROUP (self));
  g_return_if_fail (approvers != NULL);

  before = selected_approver (self);
  keep = before != NULL ? g_strdup (before->name) : NULL;
  g_ptr_array_set_size (self->candidates, 0);
  gtk_string_list_splice (self->signer_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->signer_names)), NULL);
  for (guint i = 0; i < approvers->len; i++)
    {
      const MqlwApprover *a = g_ptr_array_index (approvers, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", a->name, a->team == MQLW_TEAM_SALES ? _("sales")
                                                                                              : _("marketing"));

      if (keep != NULL && g_str_equal (keep, a->name))
        selected = i;
      g_ptr_array_add (self->candidates, mqlw_approver_new (a->name, a->role, a->team));
      gtk_string_list_append (self->signer_names, label);
    }
  adw_combo_row_set_selected (self->signer_row, approvers->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  update (self);
}

void
mqlw_signer_group_select (MqlwSignerGroup *self,
                          const char      *name)
{
  g_return_if_fail (MQLW_IS_SIGNER_GROUP (self));

  for (guint i = 0; i < self->candidates->len; i++)
    if (g_str_equal (((MqlwApprover *) g_ptr_array_index (self->candidates, i))->name, name))
      adw_combo_row_set_selected (self->signer_row, i);
}

const char *
mqlw_signer_group_get_blocker (MqlwSignerGroup *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNER_GROUP (self), NULL);
  return self->blocker;
}

gboolean
mqlw_signer_group_get_request (MqlwSignerGroup *self,
                               MqlwSignRequest *request)
{
  const MqlwApprover *signer;

  g_return_val_if_fail (MQLW_IS_SIGNER_GROUP (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  signer = selected_approver (self);
  if (self->blocker != NULL || signer == NULL || self->key == NULL)
    return FALSE;
  request->key = self->key;
  request->name = signer->name;
  request->team = signer->team;
  request->passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  return TRUE;
}

void
mqlw_signer_group_show_error (MqlwSignerGroup *self,
                              const GError    *error)
{
  g_return_if_fail (MQLW_IS_SIGNER_GROUP (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_PASSPHRASE))
    {
      gtk_label_set_text (self->error_label, _("This key is protected by a passphrase: type it above, then sign again."));
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
    }
  else
    gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

gboolean
mqlw_signer_group_is_busy (MqlwSignerGroup *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNER_GROUP (self), FALSE);
  return self->busy > 0;
}

const char *
mqlw_signer_group_get_error (MqlwSignerGroup *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNER_GROUP (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

const MqlwSigningKey *
mqlw_signer_group_get_key (MqlwSignerGroup *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNER_GROUP (self), NULL);
  return self->key;
}

/* ---- GObject ------------------------------------------------------------ */

static void
mqlw_signer_group_dispose (GObject *object)
{
  MqlwSignerGroup *self = MQLW_SIGNER_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (mqlw_signer_group_parent_class)->dispose (object);
}

static void
mqlw_signer_group_finalize (GObject *object)
{
  MqlwSignerGroup *self = MQLW_SIGNER_GROUP (object);

  g_ptr_array_unref (self->candidates);
  g_clear_pointer (&self->key, mqlw_signing_key_free);
  g_free (self->key_problem);
  g_free (self->blocker);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (mqlw_signer_group_parent_class)->finalize (object);
}

static void
mqlw_signer_group_class_init (MqlwSignerGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mqlw_signer_group_dispose;
  object_class->finalize = mqlw_signer_group_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkWidget *
suffix_button (const char *label,
               const char *accessible)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  label_widget (button, accessible);
  return button;
}

static void
mqlw_signer_group_init (MqlwSignerGroup *self)
{
  g_autoptr(MqlwSigningKey) personal = NULL;
  GtkWidget *copy;

  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);
  self->cancellable = g_cancellable_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Your Signature"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("The approver at this keyboard signs with a key of their own (Ed25519, "
                                           "OpenSSH’s SSHSIG). Others sign later on their machine."));

  self->signer_names = gtk_string_list_new (NULL);
  self->signer_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signer_row), _("Signing as"));
  adw_combo_row_set_model (self->signer_row, G_LIST_MODEL (self->signer_names));
  g_signal_connect_swapped (self->signer_row, "notify::selected", G_CALLBACK (update), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->signer_row));

  self->key_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->key_row), FALSE);   /* a key's path as it is */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row), _("Signing key"));
  adw_action_row_set_subtitle_lines (self->key_row, 2);
  self->create_button = suffix_button (_("C_reate Key…"), _("Create your personal signing key"));
  gtk_widget_add_css_class (self->create_button, "suggested-action");
  g_signal_connect_swapped (self->create_button, "clicked", G_CALLBACK (on_create_clicked_cb), self);
  self->choose_button = suffix_button (_("C_hoose Key…"), _("Choose an existing OpenSSH key"));
  g_signal_connect_swapped (self->choose_button, "clicked", G_CALLBACK (on_choose_clicked_cb), self);
  adw_action_row_add_suffix (self->key_row, self->create_button);
  adw_action_row_add_suffix (self->key_row, self->choose_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->key_row));

  self->card_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->card_row), FALSE);   /* the card names its owner */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->card_row), _("Your approver card — share it so others trust your key"));
  adw_action_row_set_subtitle_lines (self->card_row, 3);
  gtk_widget_add_css_class (GTK_WIDGET (self->card_row), "approver-card");
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy, _("Copy the approver card"));
  label_widget (copy, _("Copy the approver card"));
  g_signal_connect_swapped (copy, "clicked", G_CALLBACK (on_copy_card_clicked_cb), self);
  adw_action_row_add_suffix (self->card_row, copy);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->card_row));

  self->passphrase_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row), _("Key passphrase (only if it has one)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->passphrase_row));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->error_label));

  /* The personal key, when there is one: its public half is a file, read here. */
  personal = mqlw_personal_key_load (NULL);
  if (personal != NULL)
    set_key (self, g_steal_pointer (&personal), TRUE);
  else
    update (self);
}

MqlwSignerGroup *
mqlw_signer_group_new (void)
{
  return g_object_new (MQLW_TYPE_SIGNER_GROUP, NULL);
}
