"""The version of blocs, in one place (read by the package root and the report)."""

__version__ = "0.1.0"
