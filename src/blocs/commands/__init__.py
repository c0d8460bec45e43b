"""Command-line commands, one module per part of blocs; each renders results, computing nothing."""
