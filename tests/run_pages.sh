#!/bin/sh
# run_pages.sh PITH PAGESDIR - check every page fixture (see check_pages.py).
exec python3 "$(dirname "$0")/check_pages.py" "$@"
