/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-sshsig"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "mqlw-sshsig.h"

G_DEFINE_QUARK (mqlw-sshsig-error-quark, mqlw_sshsig_error)

char *
mqlw_sshsig_find_tool (GError **error)
{
  char *path = g_find_program_in_path ("ssh-keygen");

  if (path == NULL)
    g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_NO_TOOL,
                 _("Signing with keys needs OpenSSH’s ssh-keygen, which is not installed "
                   "(on Debian and Ubuntu: the openssh-client package)"));
  return path;
}

/* ---- running ssh-keygen ------------------------------------------------ */

/* In the child, before exec: no controlling terminal, so a passphrase is read
 * from standard input and never from a terminal the user cannot see. */
static void
detach_terminal (gpointer user_data)
{
  setsid ();
}

typedef struct {
  int    status;
  char  *out;
  char  *err;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->out, g_free);
  g_clear_pointer (&outcome->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return data != NULL ? g_strndup (data, size) : g_strdup ("");
}

/* A pipe already holding @input (small: a passphrase), its write end closed:
 * the read end for the child's standard input. Written before the child
 * exists, so that a child that never reads it cannot make the write fail. */
static int
prefilled_pipe (GBytes  *input,
                GError **error)
{
  int fds[2];
  gsize size = g_bytes_get_size (input);
  const char *data = g_bytes_get_data (input, NULL);
  gboolean ok = TRUE;

  if (size > 4096 || !g_unix_open_pipe (fds, FD_CLOEXEC, NULL))
    {
      g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_FAILED, _("Could not prepare ssh-keygen’s input"));
      return -1;
    }
  while (ok && size > 0)
    {
      gssize n = write (fds[1], data, size);
      ok = n > 0;
      data += MAX (n, 0);
      size -= (gsize) MAX (n, 0);
    }
  close (fds[1]);
  if (!ok)
    {
      close (fds[0]);
      g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_FAILED, _("Could not prepare ssh-keygen’s input"));
      return -1;
    }
  return fds[0];
}

/* Runs ssh-keygen with @args (after the program name), in @cwd (nullable),
 * its standard input the file @stdin_path, or else @input (small; NULL: an
 * empty line). FALSE with @error only when it could not be run or was
 * cancelled; its exit status is in @outcome. */
static gboolean
run_tool (const char * const *args,
          const char         *stdin_path,
          GBytes             *input,
          const char         *cwd,
          Outcome            *outcome,
          GCancellable       *cancellable,
          GError            **error)
{
  g_autofree char *tool = mqlw_sshsig_find_tool (error);
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL, err = NULL;
  g_autoptr(GBytes) empty_line = NULL;
  g_autoptr(GError) local = NULL;

  if (tool == NULL)
    return FALSE;
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, tool);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (input == NULL)
    input = empty_line = g_bytes_new_static ("\n", 1);
  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  else
    {
      int fd = prefilled_pipe (input, error);

      if (fd < 0)
        return FALSE;
      g_subprocess_launcher_take_stdin_fd (launcher, fd);
    }
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "SSH_ASKPASS_REQUIRE", "never", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, detach_terminal, NULL, NULL);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &local);
  if (process == NULL)
    {
      g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_NO_TOOL,
                   _("Could not run ssh-keygen: %s"), local->message);
      return FALSE;
    }
  if (!g_subprocess_communicate (process, NULL, cancellable, &out, &err, &local))
    {
      g_subprocess_force_exit (process);
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_CANCELLED, _("Signing was cancelled"));
      else
        g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_FAILED,
                     _("Could not talk to ssh-keygen: %s"), local->message);
      return FALSE;
    }
  outcome->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  outcome->out = bytes_to_string (out);
  outcome->err = g_strstrip (bytes_to_string (err));
  return TRUE;
}

/* ssh-keygen's words, without its prompts ("Enter passphrase: "), one line. */
static char *
tool_message (const char *err)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (err != NULL ? err : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];

      while (g_str_has_prefix (line, "Enter passphrase"))
        {
          char *colon = strstr (line, ": ");
          if (colon == NULL)
            break;
          line = colon + 2;
        }
      g_strstrip (line);
      if (*line == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, line);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_tool_error (GError    **error,
                const char *what,
                const char *err)
{
  g_autofree char *message = tool_message (err);

  if (strstr (message, "passphrase") != NULL)
    g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_PASSPHRASE,
                 _("%s: the key is protected by a passphrase, and it is missing or wrong"), what);
  else if (strstr (message, "No such file") != NULL || strstr (message, "Couldn't load") != NULL ||
           strstr (message, "Load key") != NULL || strstr (message, "invalid format") != NULL)
    g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_KEY, _("%s: ssh-keygen cannot use the key (%s)"),
                 what, message);
  else
    g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_FAILED, _("%s: ssh-keygen says “%s”"),
                 what, *message != '\0' ? message : _("failed"));
}

/* A private working directory (0700) for payloads and signatures. */
static char *
make_work_dir (GError **error)
{
  g_autoptr(GError) local = NULL;
  char *dir = g_dir_make_tmp ("mqlw-sshsig-XXXXXX", &local);

  if (dir == NULL)
    g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_FAILED,
                 _("Could not make a temporary folder for signing: %s"), local->message);
  return dir;
}

static void
remove_work_dir (char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    return;
  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

typedef char WorkDir;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WorkDir, remove_work_dir)

static gboolean
write_private_file (const char  *path,
                    const void  *data,
                    gsize        size,
                    GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_NONE, 0600, &local))
    {
      g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_FAILED,
                   _("Could not write a temporary file for signing: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
passphrase_line (const char *passphrase)
{
  return g_bytes_new_take (g_strconcat (passphrase != NULL ? passphrase : "", "\n", NULL),
                           strlen (passphrase != NULL ? passphrase : "") + 1);
}

/* ---- sign, verify, generate -------------------------------------------- */

char *
mqlw_sshsig_sign (const char    *key_path,
                  GBytes        *payload,
                  const char    *passphrase,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(WorkDir) dir = NULL;
  g_autofree char *data_path = NULL, *sig_path = NULL, *key = NULL, *signature = NULL;
  g_autoptr(GBytes) input = NULL;
  g_auto(Outcome) outcome = { 0 };
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (key_path != NULL, NULL);
  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((dir = make_work_dir (error)) == NULL)
    return NULL;
  data_path = g_build_filename (dir, "payload", NULL);
  sig_path = g_build_filename (dir, "payload.sig", NULL);
  key = g_canonicalize_filename (key_path, NULL);
  if (!write_private_file (data_path, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), error))
    return NULL;
  input = passphrase_line (passphrase);
  {
    const char *args[] = { "-Y", "sign", "-f", key, "-n", MQLW_SSHSIG_NAMESPACE, "payload", NULL };
    if (!run_tool (args, NULL, input, dir, &outcome, cancellable, error))
      return NULL;
  }
  if (outcome.status != 0 || !g_file_get_contents (sig_path, &signature, NULL, &local))
    {
      set_tool_error (error, _("Could not sign"), outcome.err);
      return NULL;
    }
  return g_steal_pointer (&signature);
}

gboolean
mqlw_sshsig_verify (const char    *allowed_signers,
                    const char    *principal,
                    GBytes        *payload,
                    const char    *signature,
                    gboolean      *valid,
                    char         **detail,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(WorkDir) dir = NULL;
  g_autofree char *allowed_path = NULL, *sig_path = NULL, *data_path = NULL;
  g_auto(Outcome) outcome = { 0 };

  g_return_val_if_fail (allowed_signers != NULL, FALSE);
  g_return_val_if_fail (principal != NULL, FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (signature != NULL, FALSE);
  g_return_val_if_fail (valid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *valid = FALSE;
  if ((dir = make_work_dir (error)) == NULL)
    return FALSE;
  allowed_path = g_build_filename (dir, "allowed_signers", NULL);
  sig_path = g_build_filename (dir, "payload.sig", NULL);
  data_path = g_build_filename (dir, "payload", NULL);
  if (!write_private_file (allowed_path, allowed_signers, strlen (allowed_signers), error) ||
      !write_private_file (sig_path, signature, strlen (signature), error) ||
      !write_private_file (data_path, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), error))
    return FALSE;
  {
    const char *args[] = { "-Y", "verify", "-f", "allowed_signers", "-I", principal, "-n", MQLW_SSHSIG_NAMESPACE,
                           "-s", "payload.sig", NULL };
    if (!run_tool (args, data_path, NULL, dir, &outcome, cancellable, error))
      return FALSE;
  }
  *valid = outcome.status == 0;
  if (detail != NULL)
    *detail = tool_message (*valid ? outcome.out : outcome.err);
  return TRUE;
}

gboolean
mqlw_sshsig_generate (const char  *path,
                      const char  *comment,
                      const char  *passphrase,
                      GError     **error)
{
  g_autofree char *pub = NULL, *twice = NULL;
  g_autoptr(GBytes) input = NULL;
  g_auto(Outcome) outcome = { 0 };
  const char *phrase = passphrase != NULL ? passphrase : "";

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pub = g_strconcat (path, ".pub", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (pub, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_KEY,
                   _("There is a key at “%s” already; it is never replaced"), path);
      return FALSE;
    }
  /* ssh-keygen asks twice ("Enter same passphrase again"). */
  twice = g_strdup_printf ("%s\n%s\n", phrase, phrase);
  input = g_bytes_new (twice, strlen (twice));
  {
    const char *args[] = { "-q", "-t", "ed25519", "-f", path, "-C", comment != NULL ? comment : "", NULL };
    if (!run_tool (args, NULL, input, NULL, &outcome, NULL, error))
      return FALSE;
  }
  if (outcome.status != 0 || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      set_tool_error (error, _("Could not create the signing key"), outcome.err);
      return FALSE;
    }
  /* ssh-keygen writes it 0600 already; say so here too. */
  g_chmod (path, 0600);
  return TRUE;
}

char *
mqlw_sshsig_public_from_private (const char  *path,
                                 const char  *passphrase,
                                 GError     **error)
{
  g_autoptr(GBytes) input = NULL;
  g_auto(Outcome) outcome = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = passphrase_line (passphrase);
  {
    const char *args[] = { "-y", "-f", path, NULL };
    if (!run_tool (args, NULL, input, NULL, &outcome, NULL, error))
      return NULL;
  }
  if (outcome.status != 0)
    {
      set_tool_error (error, _("Could not read the key"), outcome.err);
      return NULL;
    }
  return g_strstrip (g_steal_pointer (&outcome.out));
}
