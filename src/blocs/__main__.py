"""``python -m blocs``: the same command line as ``blocs``."""

from __future__ import annotations

from blocs.cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess in the tests
    main()
