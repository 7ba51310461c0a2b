"""Read the project's mkdocs.yml safely before MkDocs does: nothing in it may run code unless trusted.

MkDocs reads mkdocs.yml with PyYAML's full Loader, so `!!python/object/apply:os.system [...]` runs
a command, and several keys load code from the project: `hooks:` (Python files), plugins and
Markdown extensions (importable modules), `theme.custom_dir` and `extra_templates` (Jinja2
templates that MkDocs renders unsandboxed). `aftersales build` first composes the file (and every
file it INHERITs) with the safe loader and refuses, with file:line and what to do:
- any `!!python/...` tag, and any tag other than MkDocs' own `!ENV` and `!relative`;
- hooks, plugins, Markdown extensions, a custom theme folder and extra templates, unless they are
  the bundled safe ones or `aftersales.yaml` names them under `trust:`.
aftersales.yaml is the project's trust root: who may change it may run code in the build.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aftersales_std.errors import ContentError, Finding
from aftersales_std.loading import MAX_BYTES
from aftersales_std.project import Project, display_path

_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STD = "tag:yaml.org,2002:"
_MKDOCS_TAGS = ("!ENV", "!relative")

SAFE_PLUGINS = frozenset({"search", "tags", "offline", "aftersales-glossary"})
SAFE_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "extra", "fenced_code", "footnotes", "legacy_attrs",
    "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks",
    "codehilite"})
SAFE_EXTENSION_PACKAGES = ("markdown.extensions.", "pymdownx.", "material.extensions.")


class _Loader(_SAFE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader plus MkDocs' two harmless tags, read as plain text."""


_Loader.add_constructor("!ENV", lambda loader, node: f"!ENV {node.value!r}")
_Loader.add_constructor("!relative", lambda loader, node: f"!relative {node.value!r}")


def check_mkdocs_config(project: Project, path: Path) -> None:
    """Raise ContentError (exit 2, findings at file:line) if mkdocs.yml could run untrusted code."""
    findings: list[Finding] = []
    seen: set[Path] = set()
    _check_file(project, path, findings, seen)
    if findings:
        raise ContentError(f"{display_path(path)} asks MkDocs to run code the project does not trust; "
                           "nothing was built", findings)


def trusted(project: Project, key: str) -> set[str]:
    value = project.config.get("trust", {}).get(key, [])
    return {str(v) for v in value} if isinstance(value, list) else set()


def _check_file(project: Project, path: Path, findings: list[Finding], seen: set[Path]) -> None:
    shown = display_path(path)
    real = path.resolve()
    if real in seen:
        findings.append(Finding(shown, 1, 1, "AS110", "INHERIT forms a loop; remove it"))
        return
    seen.add(real)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        findings.append(Finding(shown, 1, 1, "AS100", f"cannot read file: {exc.strerror}"))
        return
    if len(raw) > MAX_BYTES:
        findings.append(Finding(shown, 1, 1, "AS104", f"file is over {MAX_BYTES:,} bytes; shorten it"))
        return
    try:
        text = raw.decode("utf-8-sig")
        node = yaml.compose(text, Loader=_SAFE_LOADER)
    except UnicodeDecodeError:
        findings.append(Finding(shown, 1, 1, "AS103", "not valid UTF-8; save the file as UTF-8"))
        return
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        findings.append(Finding(shown, line, col, "AS101", f"YAML syntax error: {exc}".splitlines()[0]))
        return
    except RecursionError:
        findings.append(Finding(shown, 1, 1, "AS105", "nesting is too deep to read; flatten the structure"))
        return
    if node is None:
        return
    before = len(findings)
    _check_tags(node, shown, findings)
    if len(findings) > before:
        return
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506  (safe loader + two string-only tags)
    except (yaml.YAMLError, RecursionError) as exc:
        findings.append(Finding(shown, 1, 1, "AS101", f"cannot read: {exc}".splitlines()[0]))
        return
    if not isinstance(data, dict):
        return
    top = {str(k.value): (k, v) for k, v in (node.value if isinstance(node, MappingNode) else [])
           if isinstance(k, ScalarNode)}

    def refuse(key: str, what: str, trust_key: str, name: str) -> None:
        line, col = _position(top.get(key), name)
        findings.append(Finding(shown, line, col, "AS111",
                                f"{what} {name!r} would run code from the project during the build; if you "
                                f"trust it, name it in aftersales.yaml under trust: {{{trust_key}: [{name}]}}"))

    hooks = data.get("hooks") or []
    for hook in hooks if isinstance(hooks, list) else [hooks]:
        if str(hook) not in trusted(project, "mkdocs-hooks"):
            refuse("hooks", "the hook", "mkdocs-hooks", str(hook))
    for name in _names(data.get("plugins")):
        bare = name.removeprefix("material/")
        if bare not in SAFE_PLUGINS and name not in trusted(project, "mkdocs-plugins"):
            refuse("plugins", "the plugin", "mkdocs-plugins", name)
    for name in _names(data.get("markdown_extensions")):
        if not (name in SAFE_EXTENSIONS or name.startswith(SAFE_EXTENSION_PACKAGES)) \
                and name not in trusted(project, "markdown-extensions"):
            refuse("markdown_extensions", "the Markdown extension", "markdown-extensions", name)
    theme = data.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir") is not None \
            and str(theme["custom_dir"]) not in trusted(project, "theme-custom-dir"):
        refuse("theme", "the theme folder (custom_dir, unsandboxed Jinja2 templates)", "theme-custom-dir",
               str(theme["custom_dir"]))
    for name in _names(data.get("extra_templates")):
        if name not in trusted(project, "extra-templates"):
            refuse("extra_templates", "the template (rendered by unsandboxed Jinja2)", "extra-templates", name)
    parent = data.get("INHERIT")
    if isinstance(parent, str):
        _check_file(project, (path.parent / parent), findings, seen)


def _position(pair: tuple[Node, Node] | None, name: str) -> tuple[int, int]:
    """file line and column of the scalar `name` below a top-level key (else of the key itself)."""
    if pair is None:
        return 1, 1
    key, value = pair
    stack, seen = [value], set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, ScalarNode) and str(n.value) == name:
            return n.start_mark.line + 1, n.start_mark.column + 1
        if isinstance(n, MappingNode):
            stack.extend(x for kv in reversed(n.value) for x in reversed(kv))
        elif isinstance(n, SequenceNode):
            stack.extend(reversed(n.value))
    return key.start_mark.line + 1, key.start_mark.column + 1


def _names(value: Any) -> list[str]:
    """Names in MkDocs' list-or-mapping form: [a, {b: {...}}] or {a: {...}, b: {...}}."""
    if isinstance(value, dict):
        return [str(k) for k in value]
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            if isinstance(item, dict):
                out.extend(str(k) for k in item)
            elif item is not None:
                out.append(str(item))
        return out
    return [str(value)] if isinstance(value, str) else []


def _check_tags(node: Node, shown: str, findings: list[Finding]) -> None:
    stack = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:  # an alias: its node was walked already (no billion-laughs walk)
            continue
        seen.add(id(n))
        tag = n.tag or ""
        if not tag.startswith(_STD) or tag.startswith(_STD + "python/"):
            if tag not in _MKDOCS_TAGS:
                line, col = n.start_mark.line + 1, n.start_mark.column + 1
                short = "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag
                why = "it makes PyYAML create Python objects or run code" if "python/" in tag else \
                    "MkDocs knows only !ENV and !relative"
                findings.append(Finding(shown, line, col, "AS110", f"tag {short} is refused in mkdocs.yml: "
                                        f"{why}; remove the tag"))
        if isinstance(n, MappingNode):
            for k, v in n.value:
                stack.extend((v, k))
        elif isinstance(n, SequenceNode):
            stack.extend(reversed(n.value))
    findings.sort()
