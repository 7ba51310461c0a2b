"""`aftersales lsp`: the phrasing linter as a language server (pygls, stdio).

Parts: positions (linter and LSP coordinates), adapter (the only module that reaches into the
linter beyond its public API), projects (rules per project, reloaded on change), convert
(findings -> diagnostics, quick fixes, hover), server (documents, projects, debounced lints) and
handlers (the LSP methods).
pygls is an optional dependency: `pip install 'aftersales-std[lsp]'`.
"""
