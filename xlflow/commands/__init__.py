"""One function per command: read → check → store → compute → write; each returns a RunResult.

Modules: setup (init, templates, distribute), consolidate (consolidate, status, export), bulletin,
register, demo, safety (backup, restore).
"""
