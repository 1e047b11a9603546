"""The command's exit statuses, as the README lists them."""
EXIT_OK = 0  # every document extracted (or loaded)
EXIT_SOME_FAILED = 1  # some documents, URLs or records failed; the rest were written
EXIT_USAGE = 2  # a usage error, an unusable database or cluster, or the one document given is unreadable
EXIT_INTERNAL = 3  # a fault of ours, reported in one line
EXIT_INTERRUPTED = 130  # Ctrl-C, after a summary of how far the run got
