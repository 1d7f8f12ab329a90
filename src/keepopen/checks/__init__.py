"""`keepopen check`: every rule over the library, each with a stable code (see `keepopen.rules`).

The entry point is `keepopen.checks.runner.run_checks(root, paths=())`.
"""
