/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-keys.h — the keys approvers sign with, and the cards that say whose
 * key is whose.
 *
 * A SIGNING KEY is an OpenSSH Ed25519 key: an existing one
 * (~/.ssh/id_ed25519), a public key whose private half ssh-agent holds
 * (~/.ssh/id_ed25519.pub), or the PERSONAL key MQL Workbench creates on first
 * use with ssh-keygen: <user data dir>/mql-workbench/signing-key (+ .pub), the
 * folder mode 0700 and the private file 0600, a passphrase optional. Only
 * Ed25519 keys are accepted (key type "ssh-ed25519").
 *
 * An APPROVER CARD is one line a person shares so that others trust their key:
 * a line of git's allowed_signers format (ssh-keygen(1), ALLOWED SIGNERS)
 *
 *   "Dana Lee" namespaces="mql-workbench" ssh-ed25519 AAAAC3Nz… dana@laptop
 *
 * principal (the approver's name, quoted when it has spaces), the namespace
 * option, the key, an optional comment. Cards are read leniently (the
 * namespaces option may be missing; when present it must allow
 * "mql-workbench"), and always written in the form above. A name used as a
 * principal cannot hold a double quote, a comma, '*', '?' or a control
 * character, nor start with '!' (they mean something else in allowed_signers),
 * and has at most MQLW_SIGNING_NAME_MAX bytes (ssh-keygen does not verify a
 * signer of 1023 or more).
 *
 * Fingerprints are OpenSSH's: "SHA256:" and the unpadded base64 of the SHA-256
 * (GChecksum) of the key blob, as `ssh-keygen -l` prints them. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MQLW_KEYS_ERROR (mqlw_keys_error_quark ())
typedef enum {
  MQLW_KEYS_ERROR_NOT_FOUND = 1,   /* no key at that path (or no personal key yet) */
  MQLW_KEYS_ERROR_TYPE,            /* not an Ed25519 key */
  MQLW_KEYS_ERROR_CARD,            /* an approver card that cannot be read */
  MQLW_KEYS_ERROR_NAME,            /* a name that cannot be a principal */
} MqlwKeysError;
GQuark mqlw_keys_error_quark (void);

typedef struct {
  char     *path;         /* what ssh-keygen -Y sign -f is given */
  char     *public_key;   /* "ssh-ed25519 AAAA…" (type and base64, no comment) */
  char     *comment;      /* never NULL, may be empty */
  char     *fingerprint;  /* "SHA256:…" */
  gboolean  has_private;  /* the private half is a file here (else: the agent's) */
} MqlwSigningKey;

/* Loads the key at @path: a private key (its public half from PATH.pub, or
 * derived by ssh-keygen, which may need @passphrase) or a public key. */
MqlwSigningKey *mqlw_signing_key_load          (const char      *path,
                                                const char      *passphrase,
                                                GError         **error);
MqlwSigningKey *mqlw_signing_key_copy          (const MqlwSigningKey *key);
void            mqlw_signing_key_free          (MqlwSigningKey  *key);

/* <user data dir>/mql-workbench/signing-key (it may not exist yet). */
char           *mqlw_personal_key_path         (void);
/* The personal key, or NULL with NOT_FOUND when there is none yet. */
MqlwSigningKey *mqlw_personal_key_load         (GError         **error);
/* Creates the personal key (@comment: usually the person's name; @passphrase
 * nullable). Refuses when one exists. */
MqlwSigningKey *mqlw_personal_key_create       (const char      *comment,
                                                const char      *passphrase,
                                                GError         **error);

/* "SHA256:…" of a public key line ("ssh-ed25519 AAAA… [comment]"), or NULL
 * when the line holds no readable key. */
char           *mqlw_ssh_key_fingerprint       (const char      *public_key);
/* "ssh-ed25519 AAAA…" from a public key line, checked to be Ed25519. */
char           *mqlw_ssh_key_normalize         (const char      *public_key,
                                                GError         **error);

#define MQLW_SIGNING_NAME_MAX 512

/* Whether @name can be used as an allowed_signers principal (see above). */
gboolean        mqlw_signing_name_check        (const char      *name,
                                                GError         **error);

typedef struct {
  char *principal;       /* the approver's name */
  char *public_key;      /* "ssh-ed25519 AAAA…" */
  char *comment;         /* never NULL */
  char *fingerprint;
} MqlwApproverCard;

/* The card line for @principal and @public_key (a key line; its comment is kept). */
char             *mqlw_approver_card_format    (const char       *principal,
                                                const char       *public_key,
                                                GError          **error);
MqlwApproverCard *mqlw_approver_card_parse     (const char       *line,
                                                GError          **error);
/* The card written back in the normal form above. */
char             *mqlw_approver_card_to_line   (const MqlwApproverCard *card);
void              mqlw_approver_card_free      (MqlwApproverCard *card);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwSigningKey, mqlw_signing_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwApproverCard, mqlw_approver_card_free)

G_END_DECLS
