"""Tools around the product that are not tests: the README's screenshots and document pages, and the
bundle check that `make check-bundle` and CI run."""

import storage  # noqa: F401 - the SQLite driver (SQLCipher) is chosen before sqlite-utils loads
