/* main.c - the pith command: dispatch to subcommands. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/util.h"
#include "pith.h"

static const char S_usage[] =
    "Usage: pith COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Turn web pages into clean articles with their metadata.\n"
    "\n"
    "Commands:\n"
    "  extract   extract the article from HTML pages (files or stdin)\n"
    "  clean     recover the story from text that was already flattened\n"
    "  warc      extract every HTML page of WARC archives into JSONL\n"
    "  dedup     find near-duplicate documents (the same story on many sites)\n"
    "  version   print the version\n"
    "  help      show this help, or 'pith help COMMAND' for a command's help\n"
    "\n"
    "Run 'pith COMMAND --help' for the options of a command; 'man pith' for the\n"
    "whole manual.\n"
    "\n"
    "Exit status: 0 success; 1 finished, but some inputs failed (each is reported\n"
    "on stderr); 2 usage or system error; 3 a limit aborted the run.\n";

int main(int argc, char **argv) {
  /* a closed pipe is a write error we handle, not a signal that kills us */
  signal(SIGPIPE, SIG_IGN);
  if (argc < 2) {
    fputs(S_usage, stderr);
    return PITH_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "extract")) return pith_cmd_extract(argc - 1, argv + 1);
  if (!strcmp(cmd, "clean")) return pith_cmd_clean(argc - 1, argv + 1);
  if (!strcmp(cmd, "warc")) return pith_cmd_warc(argc - 1, argv + 1);
  if (!strcmp(cmd, "dedup")) return pith_cmd_dedup(argc - 1, argv + 1);
  if (!strcmp(cmd, "version") || !strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
    printf("pith %s\n", pith_version());
    return 0;
  }
  if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
    if (argc > 2) {
      char *hargv[] = {argv[2], "--help", NULL};
      if (!strcmp(argv[2], "extract")) return pith_cmd_extract(2, hargv);
      if (!strcmp(argv[2], "clean")) return pith_cmd_clean(2, hargv);
      if (!strcmp(argv[2], "warc")) return pith_cmd_warc(2, hargv);
      if (!strcmp(argv[2], "dedup")) return pith_cmd_dedup(2, hargv);
      cli_err("unknown command '%s'", argv[2]);
      return PITH_EXIT_USAGE;
    }
    fputs(S_usage, stdout);
    return 0;
  }
  cli_err("unknown command '%s' (try 'pith --help')", cmd);
  return PITH_EXIT_USAGE;
}
