/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-safe-write"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mqlw-file-name.h"
#include "mqlw-safe-write.h"

G_DEFINE_QUARK (mqlw-safe-write-error-quark, mqlw_safe_write_error)

/* The project store's lock files share the folder clean-up (mqlw-project-lock.c). */
#define LOCK_MARK ".mqlw-lock"
#define JOURNAL_SUFFIX "-journal"
/* Room for ".", the mark, XXXXXX and "-journal" within NAME_MAX. */
#define MAX_BASE (MQLW_FILE_NAME_MAX - 1 - (sizeof MQLW_SAFE_WRITE_TEMP_MARK - 1) - 6 - (sizeof JOURNAL_SUFFIX - 1))

struct _MqlwSafeWrite {
  char          *path;        /* the target (links resolved) */
  char          *display;     /* the name as the caller gave it */
  char          *temp;
  int            fd;          /* holds the flock while we live */
  gboolean       existed;
  gboolean       spoilt;      /* an append failed */
  int            spoilt_code; /* with this errno */
  GByteArray    *buffer;      /* appends not written yet */
  GOutputStream *stream;      /* its writes are appends */
};

#define BUFFER_BYTES (64u << 10)

/* ---- messages ----------------------------------------------------------- */

static const char *
kept_text (gboolean existed)
{
  return existed ? _("the file there before is unchanged") : _("nothing was written");
}

static void
set_write_error (GError    **error,
                 const char *display,
                 gboolean    existed,
                 int         code)
{
  g_autofree char *name = g_filename_display_name (display);

  if (code == ENOSPC || code == EDQUOT)
    g_set_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_NO_SPACE,
                 _("Could not write “%s”: the disk is full; %s"), name, kept_text (existed));
  else
    g_set_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_IO,
                 _("Could not write “%s”: %s; %s"), name, g_strerror (code), kept_text (existed));
}

void
mqlw_safe_write_set_error (GError    **error,
                           const char *path,
                           int         code)
{
  g_return_if_fail (path != NULL);
  set_write_error (error, path, g_file_test (path, G_FILE_TEST_EXISTS), code);
}

/* ---- protected files ---------------------------------------------------- */

typedef struct {
  char    *path;
  char    *what;
  dev_t    dev;
  ino_t    ino;
  gboolean known;     /* dev/ino were read when it was registered */
} Protected;

static GMutex protected_lock;
static GPtrArray *protected_files;

static void
protected_free (Protected *p)
{
  g_free (p->path);
  g_free (p->what);
  g_free (p);
}

void
mqlw_safe_write_protect (const char *path,
                         const char *what)
{
  Protected *p;
  GStatBuf st;

  g_return_if_fail (path != NULL);
  g_return_if_fail (what != NULL);

  p = g_new0 (Protected, 1);
  p->path = g_strdup (path);
  p->what = g_strdup (what);
  if (g_stat (path, &st) == 0)
    {
      p->dev = st.st_dev;
      p->ino = st.st_ino;
      p->known = TRUE;
    }
  g_mutex_lock (&protected_lock);
  if (protected_files == NULL)
    protected_files = g_ptr_array_new_with_free_func ((GDestroyNotify) protected_free);
  g_ptr_array_add (protected_files, p);
  g_mutex_unlock (&protected_lock);
}

void
mqlw_safe_write_unprotect (const char *path)
{
  g_return_if_fail (path != NULL);

  g_mutex_lock (&protected_lock);
  for (guint i = 0; protected_files != NULL && i < protected_files->len; i++)
    if (g_str_equal (((Protected *) g_ptr_array_index (protected_files, i))->path, path))
      {
        g_ptr_array_remove_index (protected_files, i);
        break;
      }
  g_mutex_unlock (&protected_lock);
}

static gboolean
same_file (const char     *path,
           const GStatBuf *st)
{
  GStatBuf now;

  return path != NULL && g_stat (path, &now) == 0 && now.st_dev == st->st_dev && now.st_ino == st->st_ino;
}

/* What the file @st is, when it is protected (and not @own); NULL otherwise. */
static char *
dup_protection (const GStatBuf *st,
                const char     *own)
{
  char *what = NULL;

  if (same_file (own, st))
    return NULL;
  g_mutex_lock (&protected_lock);
  for (guint i = 0; what == NULL && protected_files != NULL && i < protected_files->len; i++)
    {
      Protected *p = g_ptr_array_index (protected_files, i);

      if ((p->known && p->dev == st->st_dev && p->ino == st->st_ino) || same_file (p->path, st))
        what = g_strdup (p->what);
    }
  g_mutex_unlock (&protected_lock);
  return what;
}

/* ---- checks ------------------------------------------------------------- */

static const char *
describe_kind (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("it is a folder, not a file");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("it is a device, not a file");
  return _("it is a pipe or a socket, not a file");
}

/* The file a write of @path replaces: links followed (a dangling one is
 * replaced itself). */
static char *
resolve_target (const char *path)
{
  GStatBuf st;
  char *real;

  if (g_lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);
  real = realpath (path, NULL);
  if (real == NULL)
    return g_strdup (path);
  {
    char *copy = g_strdup (real);
    free (real);
    return copy;
  }
}

/* The longest file name @target's folder takes (255 where it cannot say). */
static gsize
name_limit (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  long limit = pathconf (dir, _PC_NAME_MAX);

  return limit > 0 ? (gsize) limit : MQLW_FILE_NAME_MAX;
}

static gboolean
check_target (const char  *target,
              const char  *display,
              const char  *own,
              gboolean    *existed,
              GStatBuf    *st,
              GError     **error)
{
  g_autofree char *name = g_filename_display_name (display);
  g_autofree char *what = NULL;
  g_autofree char *base = g_path_get_basename (target);
  gsize limit = name_limit (target);

  *existed = FALSE;
  /* Said before any work, not after it at the rename. */
  if (strlen (base) > limit)
    {
      g_set_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_NAME_TOO_LONG,
                   _("Will not write “%s”: its name is %lu bytes long, and a file name can have at most %lu;"
                     " choose a shorter name"), name, (unsigned long) strlen (base), (unsigned long) limit);
      return FALSE;
    }
  if (g_stat (target, st) != 0)
    return TRUE;
  *existed = TRUE;
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_NOT_REGULAR,
                   _("Will not write “%s”: %s; choose a file name"), name, describe_kind (st->st_mode));
      return FALSE;
    }
  what = dup_protection (st, own);
  if (what != NULL)
    {
      g_set_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_PROTECTED,
                   _("Will not write over “%s”: it is %s; choose another file name"), name, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
mqlw_safe_write_check (const char  *path,
                       GError     **error)
{
  g_autofree char *target = NULL;
  gboolean existed;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  target = resolve_target (path);
  return check_target (target, path, NULL, &existed, &st, error);
}

/* ---- strays ------------------------------------------------------------- */

/* @name cut to at most @max bytes before a character, so that the names made
 * from a long one still fit a file name (and stay UTF-8). */
static char *
cut_name (const char *name,
          gsize       max)
{
  gsize len = strlen (name);

  if (len <= max)
    return g_strdup (name);
  len = max;
  while (len > 0 && (name[len] & 0xc0) == 0x80)
    len--;
  return g_strndup (name, len);
}

static char *
temp_base (const char *base)
{
  return cut_name (base, MAX_BASE);
}

char *
mqlw_safe_write_lock_name (const char *name)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  base = cut_name (name, MQLW_FILE_NAME_MAX - 1 - (sizeof LOCK_MARK - 1));
  return g_strconcat (".", base, LOCK_MARK, NULL);
}

/* ".BASE.mqlw-tmp-XXXXXX" (or with "-journal"): TRUE for ours, of @base when given. */
static gboolean
is_our_temp (const char *entry,
             const char *base,
             gboolean   *journal)
{
  const char *mark, *tail;
  gsize prefix;

  if (entry[0] != '.')
    return FALSE;
  mark = g_strrstr (entry, MQLW_SAFE_WRITE_TEMP_MARK);
  if (mark == NULL || mark == entry + 1)
    return FALSE;
  tail = mark + strlen (MQLW_SAFE_WRITE_TEMP_MARK);
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isalnum (tail[i]))
      return FALSE;
  if (tail[6] != '\0' && strcmp (tail + 6, JOURNAL_SUFFIX) != 0)
    return FALSE;
  *journal = tail[6] != '\0';
  prefix = (gsize) (mark - entry - 1);
  return base == NULL || (strlen (base) == prefix && strncmp (entry + 1, base, prefix) == 0);
}

static gboolean
is_our_lock (const char *entry,
             const char *name)
{
  gsize len = strlen (entry), mark = strlen (LOCK_MARK);

  if (entry[0] != '.' || len <= mark + 1 || strcmp (entry + len - mark, LOCK_MARK) != 0)
    return FALSE;
  if (name == NULL)
    return TRUE;
  {
    g_autofree char *ours = mqlw_safe_write_lock_name (name);
    return g_str_equal (entry, ours);
  }
}

/* Removes @path when nobody holds its flock (its writer is gone). The
 * unlink happens under the lock, and only if @path is still the file we
 * locked, so a live writer's file is never touched. */
static gboolean
remove_if_abandoned (const char *path)
{
  GStatBuf now;
  struct stat held;
  gboolean removed = FALSE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);

  if (fd < 0)
    return FALSE;
  if (fstat (fd, &held) == 0 && S_ISREG (held.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0 &&
      g_lstat (path, &now) == 0 && now.st_dev == held.st_dev && now.st_ino == held.st_ino)
    removed = g_unlink (path) == 0;
  close (fd);
  return removed;
}

guint
mqlw_safe_write_clean_strays (const char *dir,
                              const char *name)
{
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) journals = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = name != NULL ? temp_base (name) : NULL;
  const char *entry;
  guint removed = 0;

  g_return_val_if_fail (dir != NULL, 0);

  listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    return 0;
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      gboolean journal = FALSE;

      if (is_our_temp (entry, base, &journal))
        {
          path = g_build_filename (dir, entry, NULL);
          if (journal)
            g_ptr_array_add (journals, g_steal_pointer (&path));
          else if (remove_if_abandoned (path))
            removed++;
        }
      else if (is_our_lock (entry, name) && (path = g_build_filename (dir, entry, NULL)) != NULL &&
               remove_if_abandoned (path))
        removed++;
    }
  /* A temporary's journal goes with it: once the temporary is gone, nobody
   * writes the journal any more. */
  for (guint i = 0; i < journals->len; i++)
    {
      const char *journal = g_ptr_array_index (journals, i);
      g_autofree char *owner = g_strndup (journal, strlen (journal) - strlen (JOURNAL_SUFFIX));

      if (!g_file_test (owner, G_FILE_TEST_EXISTS) && g_unlink (journal) == 0)
        removed++;
    }
  return removed;
}

/* ---- writing ------------------------------------------------------------ */

/* A new temporary next to @target, flocked; retried when a cleaner took the
 * name between its creation and our lock. */
static int
create_temp (const char *target,
             char      **temp_out,
             int        *code)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *name = g_path_get_basename (target);
  g_autofree char *base = temp_base (name);

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_autofree char *template = g_strdup_printf (".%s" MQLW_SAFE_WRITE_TEMP_MARK "XXXXXX", base);
      g_autofree char *temp = g_build_filename (dir, template, NULL);
      struct stat held;
      GStatBuf now;
      int fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0666);

      if (fd < 0)
        {
          *code = errno;
          return -1;
        }
      if (flock (fd, LOCK_EX) == 0 && fstat (fd, &held) == 0 && g_lstat (temp, &now) == 0 &&
          now.st_dev == held.st_dev && now.st_ino == held.st_ino)
        {
          *temp_out = g_steal_pointer (&temp);
          return fd;
        }
      close (fd);
    }
  *code = EAGAIN;
  return -1;
}

MqlwSafeWrite *
mqlw_safe_write_begin (const char  *path,
                       GError     **error)
{
  return mqlw_safe_write_begin_own (path, NULL, error);
}

MqlwSafeWrite *
mqlw_safe_write_begin_own (const char  *path,
                           const char  *own,
                           GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  MqlwSafeWrite *self;
  gboolean existed;
  GStatBuf st;
  int code = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  target = resolve_target (path);
  if (!check_target (target, path, own, &existed, &st, error))
    return NULL;
  dir = g_path_get_dirname (target);
  name = g_path_get_basename (target);
  mqlw_safe_write_clean_strays (dir, name);

  self = g_new0 (MqlwSafeWrite, 1);
  self->path = g_steal_pointer (&target);
  self->display = g_strdup (path);
  self->existed = existed;
  self->fd = create_temp (self->path, &self->temp, &code);
  if (self->fd < 0)
    {
      set_write_error (error, path, existed, code);
      g_free (self->path);
      g_free (self->display);
      g_free (self);
      return NULL;
    }
  /* The replaced file's permissions (and owner, when we may) stay. */
  if (existed)
    {
      if (fchmod (self->fd, st.st_mode & 07777) != 0)
        g_debug ("could not keep the mode of %s: %s", path, g_strerror (errno));
      if (geteuid () == 0 && fchown (self->fd, st.st_uid, st.st_gid) != 0)
        g_debug ("could not keep the owner of %s: %s", path, g_strerror (errno));
    }
  return self;
}

const char *
mqlw_safe_write_get_temp_path (MqlwSafeWrite *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->temp;
}

/* The stream of a write: each write an append, so that a failing write keeps
 * its errno (EFBIG under ulimit -f, EIO, ENOSPC) and its error is the same
 * message as an append's; no buffer of its own (the appends gather). It
 * outlives its write when a caller holds a reference: then it does nothing. */
#define MQLW_TYPE_SAFE_WRITE_STREAM (mqlw_safe_write_stream_get_type ())
G_DECLARE_FINAL_TYPE (MqlwSafeWriteStream, mqlw_safe_write_stream, MQLW, SAFE_WRITE_STREAM, GOutputStream)

struct _MqlwSafeWriteStream {
  GOutputStream  parent_instance;
  MqlwSafeWrite *sw;   /* NULL once the write is over */
};

G_DEFINE_FINAL_TYPE (MqlwSafeWriteStream, mqlw_safe_write_stream, G_TYPE_OUTPUT_STREAM)

static gboolean drain (MqlwSafeWrite *self, GError **error);

static gssize
stream_write (GOutputStream  *stream,
              const void     *buffer,
              gsize           count,
              GCancellable   *cancellable,
              GError        **error)
{
  MqlwSafeWriteStream *self = MQLW_SAFE_WRITE_STREAM (stream);

  if (self->sw == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "the write is over");
      return -1;
    }
  count = MIN (count, (gsize) G_MAXSSIZE);
  return mqlw_safe_write_append (self->sw, buffer, count, error) ? (gssize) count : -1;
}

static gboolean
stream_flush (GOutputStream  *stream,
              GCancellable   *cancellable,
              GError        **error)
{
  MqlwSafeWriteStream *self = MQLW_SAFE_WRITE_STREAM (stream);

  return self->sw == NULL || drain (self->sw, error);
}

static gboolean
stream_close (GOutputStream  *stream,
              GCancellable   *cancellable,
              GError        **error)
{
  /* The write's commit or abort closes the file. */
  return TRUE;
}

static void
mqlw_safe_write_stream_class_init (MqlwSafeWriteStreamClass *klass)
{
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  stream_class->write_fn = stream_write;
  stream_class->flush = stream_flush;
  stream_class->close_fn = stream_close;
}

static void
mqlw_safe_write_stream_init (MqlwSafeWriteStream *self)
{
}

GOutputStream *
mqlw_safe_write_get_stream (MqlwSafeWrite *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->stream == NULL)
    {
      MqlwSafeWriteStream *stream = g_object_new (MQLW_TYPE_SAFE_WRITE_STREAM, NULL);

      stream->sw = self;
      self->stream = G_OUTPUT_STREAM (stream);
    }
  return self->stream;
}

/* Writes out what the appends gathered. */
static gboolean
drain (MqlwSafeWrite  *self,
       GError        **error)
{
  const guint8 *p;
  gsize length;

  if (self->buffer == NULL || self->spoilt)
    return !self->spoilt;
  p = self->buffer->data;
  length = self->buffer->len;
  while (length > 0)
    {
      gssize n = write (self->fd, p, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          self->spoilt = TRUE;
          self->spoilt_code = n < 0 ? errno : ENOSPC;
          set_write_error (error, self->display, self->existed, self->spoilt_code);
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
    }
  g_byte_array_set_size (self->buffer, 0);
  return TRUE;
}

gboolean
mqlw_safe_write_append (MqlwSafeWrite  *self,
                        const void     *data,
                        gsize           length,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (self->spoilt)
    {
      set_write_error (error, self->display, self->existed, self->spoilt_code);
      return FALSE;
    }
  if (self->buffer == NULL)
    self->buffer = g_byte_array_sized_new (BUFFER_BYTES);
  g_byte_array_append (self->buffer, data, length);
  return self->buffer->len < BUFFER_BYTES || drain (self, error);
}
static void
safe_write_free (MqlwSafeWrite *self)
{
  if (self->stream != NULL)
    MQLW_SAFE_WRITE_STREAM (self->stream)->sw = NULL;
  g_clear_object (&self->stream);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
  g_free (self->display);
  g_free (self->temp);
  g_free (self);
}

void
mqlw_safe_write_abort (MqlwSafeWrite *self)
{
  g_autofree char *journal = NULL;

  if (self == NULL)
    return;
  /* Removed while we still hold the lock. */
  journal = g_strconcat (self->temp, JOURNAL_SUFFIX, NULL);
  g_unlink (self->temp);
  g_unlink (journal);
  safe_write_free (self);
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  /* The rename is done; a folder that cannot be synced (some network file
   * systems) does not undo it. */
  if (fsync (fd) != 0)
    g_debug ("could not sync the folder of %s: %s", path, g_strerror (errno));
  close (fd);
}

gboolean
mqlw_safe_write_commit (MqlwSafeWrite  *self,
                        GError        **error)
{
  int code = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!drain (self, NULL))
    code = self->spoilt_code;
  else if (fsync (self->fd) != 0)
    code = errno;
  else if (g_rename (self->temp, self->path) != 0)
    code = errno;
  if (code != 0)
    {
      set_write_error (error, self->display, self->existed, code);
      mqlw_safe_write_abort (self);
      return FALSE;
    }
  sync_folder (self->path);
  safe_write_free (self);
  return TRUE;
}

gboolean
mqlw_safe_write_contents (const char  *path,
                          const char  *contents,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(MqlwSafeWrite) sw = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  sw = mqlw_safe_write_begin (path, error);
  if (sw == NULL)
    return FALSE;
  if (!mqlw_safe_write_append (sw, contents, length < 0 ? strlen (contents) : (gsize) length, error))
    return FALSE;
  return mqlw_safe_write_commit (g_steal_pointer (&sw), error);
}
