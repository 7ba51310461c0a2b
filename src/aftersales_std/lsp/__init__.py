"""`aftersales lsp`: the phrasing linter as a language server (pygls, stdio).

Parts: positions (linter and LSP coordinates), adapter (the only module that reaches into the
linter beyond its public API), projects (rules per project, reloaded on change), convert
(findings -> diagnostics, quick fixes, hover) and server (the pygls handlers).
pygls is an optional dependency: `pip install 'aftersales-std[lsp]'`.
"""
