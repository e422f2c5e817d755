"""The rule book: one Markdown page per rule (shipped in the wheel as deploylint.rulebook)."""
