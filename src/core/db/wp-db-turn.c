/* wp-db-turn.c: letting a window's write go before the next of a batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's write lock is not a queue: whoever asks first once it is free
 * gets it. Two `workplan import` runs back to back hand it to each other
 * within microseconds, and a window asking between them, without ever
 * waiting in the main loop, hardly ever finds it free: its renames waited
 * until the imports stopped (issue 15, defect 8).
 *
 * So a window whose write found the file busy says it wants a turn: it
 * holds a shared lock on the first byte of "PLAN-turn", beside the plan.
 * Every other writer of ours looks for such a lock before it starts a
 * transaction, and while it waits for the write lock, and lets the window
 * go first, for a few seconds at most. The lock is an open file
 * description lock (F_OFD_SETLK): a thread of the window's own process
 * sees it too, and closing some other descriptor of the file does not
 * drop it (see _wp_db_open_connection()). It goes with the process, so a
 * window that is killed leaves nobody waiting.
 *
 * The file is made only when a window first waits, and left there: it is
 * empty, and removing it could part two processes that each hold it open.
 */
#define _GNU_SOURCE
#include "config.h"

#include "wp-db-turn.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

struct _WpDbTurn
{
  char    *path;
  int      fd;       /* the turn file, once opened, or -1 */
  gboolean wanting;  /* this one holds its lock */
};

WpDbTurn *
_wp_db_turn_new (const char *db_path)
{
  WpDbTurn *turn = g_new0 (WpDbTurn, 1);

  turn->path = g_strconcat (db_path, "-turn", NULL);
  turn->fd = -1;
  return turn;
}

void
_wp_db_turn_free (WpDbTurn *turn)
{
  if (turn == NULL)
    return;
  if (turn->fd >= 0)
    close (turn->fd);
  g_free (turn->path);
  g_free (turn);
}

#ifdef F_OFD_SETLK

static gboolean
open_file (WpDbTurn *turn,
           gboolean  create)
{
  if (turn->fd >= 0)
    return TRUE;
  turn->fd = open (turn->path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0), 0666);
  /* (someone else's file, in a folder we share: looking needs no more) */
  if (turn->fd < 0 && !create && errno == EACCES)
    turn->fd = open (turn->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  return turn->fd >= 0;
}

static gboolean
lock_byte (WpDbTurn *turn,
           short     type)
{
  struct flock lock = { .l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };

  return fcntl (turn->fd, F_OFD_SETLK, &lock) == 0;
}

/* Says this writer wants the next turn. Returns whether it could (not in
 * a read-only folder, say: then it takes its chances as before). */
gboolean
_wp_db_turn_want (WpDbTurn *turn)
{
  if (turn->wanting)
    return TRUE;
  if (!open_file (turn, TRUE) || !lock_byte (turn, F_RDLCK))
    return FALSE;
  turn->wanting = TRUE;
  return TRUE;
}

void
_wp_db_turn_let_go (WpDbTurn *turn)
{
  if (!turn->wanting)
    return;
  lock_byte (turn, F_UNLCK);
  turn->wanting = FALSE;
}

/* Whether another writer (another process, or another connection of this
 * one) wants the next turn. */
gboolean
_wp_db_turn_is_wanted (WpDbTurn *turn)
{
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };

  /* (no file: nobody has ever waited for a turn on this plan) */
  if (!open_file (turn, FALSE))
    return FALSE;
  if (fcntl (turn->fd, F_OFD_GETLK, &lock) != 0)
    return FALSE;
  return lock.l_type != F_UNLCK;
}

#else  /* no open file description locks: writers take their chances */

gboolean
_wp_db_turn_want (WpDbTurn *turn)
{
  return FALSE;
}

void
_wp_db_turn_let_go (WpDbTurn *turn)
{
}

gboolean
_wp_db_turn_is_wanted (WpDbTurn *turn)
{
  return FALSE;
}

#endif

/* Whether this writer holds its wish for the next turn */
gboolean
_wp_db_turn_wanting (WpDbTurn *turn)
{
  return turn->wanting;
}
