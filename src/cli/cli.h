/* cli.h - subcommands of the pith command. Each returns the exit code:
 * 0 all good; 1 finished but some inputs/records failed; 2 usage or system
 * error; 3 a limit aborted the whole run. */
#ifndef PITH_CLI_H
#define PITH_CLI_H

enum { PITH_EXIT_OK = 0, PITH_EXIT_SOME_FAILED = 1, PITH_EXIT_USAGE = 2, PITH_EXIT_LIMIT = 3 };

int pith_cmd_extract(int argc, char **argv);  /* pith extract */
int pith_cmd_clean(int argc, char **argv);    /* pith clean (text mode) */
int pith_cmd_warc(int argc, char **argv);     /* pith warc */
int pith_cmd_dedup(int argc, char **argv);    /* pith dedup */

#endif
