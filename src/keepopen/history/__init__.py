"""The library's history from git: what a pull request changes (`changes`) and what each
edition added, changed or withdrew (`changelog`). Both read git only through `git`."""
