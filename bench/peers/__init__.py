"""Side-by-side benchmark of termqa against pofilter and textlint (see bench/README.md)."""
