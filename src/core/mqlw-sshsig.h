/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-sshsig.h — Ed25519 signatures in OpenSSH's SSHSIG format (the one git
 * uses for signed commits), made and checked by running OpenSSH's ssh-keygen.
 * No cryptography is done here: this module only runs
 *
 *   ssh-keygen -Y sign   -f KEY -n mql-workbench FILE        (writes FILE.sig)
 *   ssh-keygen -Y verify -f ALLOWED -I PRINCIPAL -n mql-workbench -s SIG < DATA
 *   ssh-keygen -t ed25519 -f PATH -C COMMENT                  (a new key)
 *   ssh-keygen -y -f KEY                                      (its public half)
 *
 * as subprocesses (GSubprocess), with the data in a private temporary
 * directory (mode 0700) removed afterwards. Every call blocks until
 * ssh-keygen ends: call it from a worker thread in the GUI.
 *
 * Passphrases. ssh-keygen runs in a session of its own (setsid: no controlling
 * terminal), without a display and with SSH_ASKPASS_REQUIRE=never, so it
 * reads a passphrase from its standard input and never prompts anywhere else;
 * the passphrase given here (or an empty line) is written there. A key held
 * by ssh-agent (SSH_AUTH_SOCK is passed on) signs without one: give the
 * public key's path as the key.
 *
 * The namespace is always MQLW_SSHSIG_NAMESPACE, so a signature made for MQL
 * Workbench cannot be passed off as a git commit signature or the reverse. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MQLW_SSHSIG_NAMESPACE "mql-workbench"

#define MQLW_SSHSIG_ERROR (mqlw_sshsig_error_quark ())
typedef enum {
  MQLW_SSHSIG_ERROR_NO_TOOL = 1,   /* ssh-keygen (OpenSSH) is not installed */
  MQLW_SSHSIG_ERROR_PASSPHRASE,    /* the private key is protected and the passphrase is missing or wrong */
  MQLW_SSHSIG_ERROR_KEY,           /* the key cannot be read or used */
  MQLW_SSHSIG_ERROR_FAILED,        /* ssh-keygen failed otherwise; the message has its words */
  MQLW_SSHSIG_ERROR_CANCELLED,
} MqlwSshsigError;
GQuark mqlw_sshsig_error_quark (void);

/* The path of ssh-keygen, or NULL with NO_TOOL. */
char    *mqlw_sshsig_find_tool       (GError      **error);

/* Signs @payload with the private key at @key_path (or, when @key_path is a
 * public key whose private half ssh-agent holds, through the agent). Returns
 * the armored signature ("-----BEGIN SSH SIGNATURE-----\n…\n-----END SSH
 * SIGNATURE-----\n"). @passphrase nullable. */
char    *mqlw_sshsig_sign            (const char    *key_path,
                                      GBytes        *payload,
                                      const char    *passphrase,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* `ssh-keygen -Y verify`: sets *@valid to TRUE when @signature is a good
 * signature of @payload by a key that @allowed_signers (the text of an
 * allowed_signers file) allows for @principal in the MQL Workbench
 * namespace. FALSE with @error only when ssh-keygen could not be run; then
 * *@valid is FALSE too. @detail (nullable) receives ssh-keygen's own words. */
gboolean mqlw_sshsig_verify          (const char    *allowed_signers,
                                      const char    *principal,
                                      GBytes        *payload,
                                      const char    *signature,
                                      gboolean      *valid,
                                      char         **detail,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* Creates a new Ed25519 key pair at @path and @path.pub (OpenSSH format; the
 * private file is mode 0600, as ssh-keygen writes it). @passphrase nullable
 * or empty: no passphrase. Refuses to replace an existing file. */
gboolean mqlw_sshsig_generate        (const char    *path,
                                      const char    *comment,
                                      const char    *passphrase,
                                      GError       **error);

/* The public key line ssh-keygen derives from the private key at @path
 * ("ssh-ed25519 AAAA… comment"). PASSPHRASE error when it is protected and
 * @passphrase (nullable) does not open it. */
char    *mqlw_sshsig_public_from_private (const char *path,
                                          const char *passphrase,
                                          GError    **error);

G_END_DECLS
