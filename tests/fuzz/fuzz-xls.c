/* fuzz-xls.c: libFuzzer target for the .xls sheet import
 *
 * The same as fuzz-xlsx, over the .xls reader as the app runs it:
 * wp_table_read_xls() reads the workbook with FreeXL in a child process,
 * since FreeXL 1.0.6 crashes on some damaged files (known-freexl/README).
 * What is Workplan's is checked here: a file that kills the child is
 * refused in one line and the program goes on, and whatever table comes
 * back imports as interchange JSON. The merged ranges, which Workplan reads
 * from the BIFF records itself (wp-table-xls-merges.c), are read again in
 * this process too, where the fuzzer sees that code's coverage and the
 * sanitizers see its memory.
 *
 * A crash or an assertion in the child is the child's end, not the
 * fuzzer's: the child forgets libFuzzer's and the sanitizers' crash
 * handlers (so that a FreeXL fault writes no crash artifact), and the
 * parent takes its death as a refusal, as the app does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <signal.h>

#define FUZZ_XLS 1
#include "fuzz-xlsx.c"

/* (in the sanitizer runtime of the libFuzzer build; NULL in the replay
 * build, which has none) */
extern void __sanitizer_set_death_callback (void (*callback) (void)) __attribute__ ((weak));

static void
forget_crash_handlers (void)
{
  static const int signals[] = { SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGALRM, SIGTERM,
                                 SIGINT, SIGXFSZ, SIGUSR1, SIGUSR2 };

  if (__sanitizer_set_death_callback != NULL)
    __sanitizer_set_death_callback (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    signal (signals[i], SIG_DFL);
}

static void
fuzz_xls_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      pthread_atfork (NULL, NULL, forget_crash_handlers);
      g_once_init_leave (&done, 1);
    }
}

static void
check_merges (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GArray) merges = g_array_new (FALSE, FALSE, sizeof (WpTableRange));

  _wp_table_read_xls_merges (data, size, merges);
  for (guint i = 0; i < merges->len; i++)
    {
      const WpTableRange *range = &g_array_index (merges, WpTableRange, i);

      g_assert_cmpuint (range->first_row, <=, range->last_row);
      g_assert_cmpuint (range->first_column, <=, range->last_column);
    }
}
