/* cli.h - subcommands of the pith command, and the exit status they share.
 *
 * One table for every command (README, man page and every --help print the
 * same rows; tests/cli_test.py drives each command into each row):
 *
 *   0  every input was read and its output written (pages without an
 *      article included: they say so on stderr and in "status")
 *   1  the run finished, but some inputs or records failed: each is
 *      reported on stderr, everything else was written
 *   2  usage error: bad option or argument; nothing was read
 *   3  a run limit stopped the run early (--max-errors)
 *   4  the output could not be opened or written (disk full, closed pipe,
 *      permission): what was written before it is whole lines
 *   5  the run could not go on: out of memory, no threads
 * A run stopped by SIGINT/SIGTERM ends by that signal (128 + N in a shell)
 * after writing the lines in progress. When several apply, the highest
 * number wins (5 > 4 > 3 > 1). */
#ifndef PITH_CLI_H
#define PITH_CLI_H

enum {
  PITH_EXIT_OK = 0,
  PITH_EXIT_SOME_FAILED = 1,
  PITH_EXIT_USAGE = 2,
  PITH_EXIT_LIMIT = 3,
  PITH_EXIT_OUTPUT = 4,
  PITH_EXIT_SYSTEM = 5
};

/* The exit-status paragraph every --help ends with. */
#define PITH_EXIT_HELP                                                                       \
  "Exit status: 0 every input was read and written (pages without an article\n"            \
  "included); 1 finished, but some inputs or records failed (each reported on\n"           \
  "stderr, all others written); 2 usage error (nothing was read); 3 --max-errors\n"        \
  "stopped the run; 4 the output could not be opened or written (disk full,\n"             \
  "closed pipe); 5 out of memory or no threads. SIGINT/SIGTERM end the run after\n"        \
  "the lines in progress, by that signal.\n"

int pith_cmd_extract(int argc, char **argv);  /* pith extract */
int pith_cmd_clean(int argc, char **argv);    /* pith clean (text mode) */
int pith_cmd_warc(int argc, char **argv);     /* pith warc */
int pith_cmd_dedup(int argc, char **argv);    /* pith dedup */

#endif
