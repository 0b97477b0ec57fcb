"""One module per CLI command: read → check → store → compute → write; each returns a RunResult."""
