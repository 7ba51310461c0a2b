"""Training and measurement tools of the linter: not on the lint path.

- train.py: trains the model rules (`aftersales rules train`);
- shares.py: measures the key strings' shares written to lint/matchers/shares.json (gate.py reads that file);
- evaluate.py: recall and false positives on labelled replies (tests, benchmarks/lint_quality.py).

Nothing under aftersales_std.lint imports this package when linting: only the commands and tools
that train or measure do (tests/lint/test_lint_imports.py checks it).
"""
