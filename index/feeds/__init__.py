"""Feeds a collection follows (RSS, Atom): their state in SQLite, reading them, polling them into the corpus."""
