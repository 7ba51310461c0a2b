"""Report: accepted hits turned into findings and written out.

- `run`: one source's hits -> findings (messages, suggestions, suppressions, channels, severity);
- `finding`: the finding type;
- `fix`: `--fix` / `--diff` edits;
- `formats`: text, JSON, SARIF and GitHub writers (through the project's one reporter registry).
"""
