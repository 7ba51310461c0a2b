"""The compiled rule set, cached between runs (the way ruff keeps `.ruff_cache/`).

Loading the rules from their files costs seconds: every rule file is read and schema-checked, the
glossary is loaded for the derived rules, every rule's examples are checked, every pattern's key
literals are worked out and the automaton is built. None of that changes between two runs on the
same inputs, so the finished `RuleSet` is pickled once and read back by every later run.

Key: the package version, the Python version, this module's format, which accelerators are in use,
the lint package's own source files (size and modification time: an edited checkout never reads a
stale cache), the config that shapes the rules, and a hash of the bytes of every input file (every
file under the rules folder, model files included; the glossary manifest and every concept file).
Any change to any of them gives another key, so the cache is rebuilt.

Where:
- a project folder: `<project>/.aftersales-cache/lint/`, holding a `.gitignore` of `*` so git never
  sees it (ruff does the same). It goes with the project: two projects never share a cache, CI can
  keep it with the checkout, and deleting the folder is all it takes to clear it;
- the bundled rules of an installed package (whose folder may be read-only), or a project folder we
  cannot write to: the user cache dir, `$XDG_CACHE_HOME/aftersales-std/lint/` (else
  `~/.cache/aftersales-std/lint/`).
`AFTERSALES_CACHE_DIR` puts every cache in that folder instead; `AFTERSALES_NO_CACHE=1` turns the
cache off.

Writes are atomic (a temporary file beside the target, then `os.replace`), so a run that dies half
way or two runs at once never leave a torn file; a cache that cannot be read for any reason
(truncated, another format, unpicklable) is silently rebuilt. A rule set whose files have problems is
never cached: those problems are reported on every run until fixed.

Regular expressions are stored as their source and compiled on first use (`LazyPattern`): compiling
all of them took most of the time of reading a cache back, and a short reply needs few of them.
What else is slow to rebuild is stored in a form that reads back fast: the fold tables built from
OpenCC (fold.state(), plain strings: a warm run never loads OpenCC) beside the rule set, and the
automaton as the list of its words (trie.WordIndex: a short text is looked up word by word, a long
one builds the automaton). The key also covers the installed OpenCC.

The project configuration (aftersales.yaml) checked against its schema is kept the same way, under
`<cache>/config/` (read_config / write_config): a warm lint run imports neither the YAML reader nor
jsonschema.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import re
import sys
import types
from pathlib import Path
from typing import Any, Iterable, Mapping

FORMAT = 2
MAGIC = b"aftersales-lint-cache\n"
KEEP = 8  # cache files kept per folder (one per rules folder and config in use), newest first
IGNORE_ALL = "# created by aftersales-std: this folder is a cache\n*\n"


class LazyPattern:
    """A regular expression compiled the first time one of its methods is used.

    After that, its methods are the compiled pattern's own (kept in the instance), so a match costs
    what it costs on an `re.Pattern`.
    """

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
                "groups", "groupindex")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name not in self._METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        for attr in self._METHODS:
            self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:60]!r}, {self.flags})"


def _proxy(data: dict[Any, Any]) -> Mapping[Any, Any]:
    return types.MappingProxyType(data)


class _Pickler(pickle.Pickler):
    """Pickles what the standard pickler cannot (read-only mappings) and stores patterns by their
    source. (A bound method such as `pattern.search` would be pickled as getattr(pattern, "search"),
    which compiles the pattern on load: the engine keeps patterns, not their methods.)"""

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is types.MappingProxyType:
            return (_proxy, (dict(obj),))
        if kind is re.Pattern:
            return (LazyPattern, (obj.pattern, obj.flags))
        return NotImplemented


def dumps(value: Any) -> bytes:
    """`value` and what is built from OpenCC, slowly: the fold tables (fold.state()) and the script
    conversions of every replacement the rules in `value` can suggest (_conversions)."""
    from aftersales_std.lint.text import fold
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(
        {"value": value, "fold": fold.state(), "opencc": _conversions(value)})
    return buf.getvalue()


def loads(data: bytes) -> Any:
    """The value stored by dumps(); its fold tables and conversions are used from now on. ValueError
    when the data is not what dumps() writes."""
    from aftersales_std import chinese
    from aftersales_std.lint.text import fold
    stored = pickle.loads(data)
    if not isinstance(stored, dict) or "value" not in stored or not fold.restore(stored.get("fold")):
        raise ValueError("not a cache of this format")
    chinese.remember(stored.get("opencc") or ())
    return stored["value"]


def _conversions(value: Any) -> list[tuple[str, str, str]]:
    """(configuration, replacement, converted) for both scripts of every replacement of a rule set's
    substitutions: fix.pick converts a replacement (s2t, or t2s) to the script of the text it goes in."""
    from aftersales_std.chinese import to_simplified, to_traditional
    options = sorted({o for rule in getattr(value, "rules", ()) for opts in (getattr(rule, "swap", None) or {}).values()
                      for o in opts if isinstance(o, str) and not o.isascii()})
    return [("s2t", o, to_traditional(o, "s2t")) for o in options] + [("t2s", o, to_simplified(o)) for o in options]


def enabled() -> bool:
    return not os.environ.get("AFTERSALES_NO_CACHE")


def user_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aftersales-std" / "lint"


def cache_dir(project_root: Path | None, bundled: bool) -> Path:
    """Where the cache of a project (or of the bundled rules) lives; see the module's docstring."""
    override = os.environ.get("AFTERSALES_CACHE_DIR")
    if override:
        return Path(override).expanduser() / "lint"
    if project_root is None or bundled or not os.access(project_root, os.W_OK):
        return user_cache_dir()
    return project_root / ".aftersales-cache" / "lint"


def _code_stamp() -> list[Any]:
    """The lint package's source files, by size and modification time (an edited checkout)."""
    here = Path(__file__).resolve().parents[1]
    out: list[Any] = []
    for path in sorted(here.rglob("*.py")) + sorted(here.rglob("*.json")):
        try:
            st = path.stat()
        except OSError:
            continue
        out.append([path.relative_to(here).as_posix(), st.st_size, st.st_mtime_ns])
    return out


def _opencc_stamp() -> list[Any]:
    """The installed OpenCC (the fold tables in the cache are built with it), without importing it."""
    import importlib.util
    try:
        spec = importlib.util.find_spec("opencc")
    except (ImportError, ValueError):
        return []
    if spec is None or spec.origin is None:
        return []
    try:
        st = os.stat(spec.origin)
    except OSError:
        return [spec.origin]
    return [spec.origin, st.st_size, st.st_mtime_ns]


def key(files: Iterable[Path], config: Mapping[str, Any]) -> str:
    """The cache key of a rule set compiled from `files` with `config` (see the module's docstring)."""
    from aftersales_std import __version__
    from aftersales_std.lint.matchers import engine

    digest = hashlib.sha256()
    head = {
        "format": FORMAT, "version": __version__, "python": sys.version, "code": _code_stamp(),
        "opencc": _opencc_stamp(),
        "accelerators": [engine.ahocorasick is not None, engine.ahocorasick_rs is not None,
                         bool(os.environ.get("AFTERSALES_NO_AHOCORASICK")),
                         bool(os.environ.get("AFTERSALES_NO_AHOCORASICK_RS"))],
        "config": config,
    }
    digest.update(json.dumps(head, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    for name in sorted({os.fspath(p) for p in files}):  # strings: sorting Path objects is slow
        digest.update(b"\0file\0" + os.fsencode(name) + b"\0")
        try:
            with open(name, "rb") as fh:
                digest.update(fh.read())
        except OSError as exc:  # the loader will say what is wrong with it
            digest.update(f"unreadable: {exc}".encode())
    return digest.hexdigest()[:32]


def read(folder: Path, cache_key: str) -> Any | None:
    """The cached value for `cache_key`, or None when there is none or it cannot be used."""
    path = folder / f"{cache_key}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = MAGIC + cache_key.encode("ascii") + b"\n"
    if not data.startswith(head):
        return None
    try:
        return loads(data[len(head):])
    except Exception:  # noqa: BLE001 - a corrupt or foreign cache is rebuilt, whatever broke in it
        return None


def write(folder: Path, cache_key: str, value: Any) -> Path | None:
    """Store `value` atomically; None when the folder cannot be written (the run goes on uncached)."""
    try:
        data = MAGIC + cache_key.encode("ascii") + b"\n" + dumps(value)
    except Exception:  # noqa: BLE001 - something in the rules does not pickle: run uncached
        return None
    return _store(folder, f"{cache_key}.pickle", data)


def _store(folder: Path, name: str, data: bytes, suffix: str = ".pickle") -> Path | None:
    """Write folder/name atomically and prune the folder; None when it cannot be written."""
    import tempfile
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _mark_ignored(folder)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            target = folder / name
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return None
    _prune(folder, target, suffix)
    return target


# ---- the project configuration, checked once -------------------------------------------------
# `open_project(cached=True)` (the lint command) reads aftersales.yaml's data from here when the file's
# bytes, the config schema and the code that reads and checks it are those it was checked with: a
# warm lint run then imports neither the YAML reader nor jsonschema. Only a valid configuration is
# kept (a broken one is reported on every run); files of <cache>/config/, the KEEP newest.

CONFIG_MAGIC = b"aftersales-config-cache\n"
CONFIG_SUFFIX = ".config"


def config_dir(project_root: Path) -> Path:
    packaged = Path(__file__).resolve().parents[2] / "_bundled"
    return cache_dir(project_root, project_root == packaged).parent / "config"


def _config_key(raw: bytes) -> str:
    package = Path(__file__).resolve().parents[2]
    stamp: list[Any] = [FORMAT, _version()]
    for name in ("project.py", "loading.py", "schema.py", "schemas/config.schema.json"):
        try:
            st = (package / name).stat()
            stamp.append([name, st.st_size, st.st_mtime_ns])
        except OSError:
            stamp.append([name])
    digest = hashlib.sha256(json.dumps(stamp).encode("utf-8") + b"\0" + raw)
    return digest.hexdigest()[:32]


def _version() -> str:
    from aftersales_std import __version__
    return __version__


def read_config(project_root: Path, path: Path) -> dict[str, Any] | None:
    """The checked data of the configuration file `path`, or None (not cached, changed, unreadable)."""
    if not enabled():
        return None
    try:
        raw = path.read_bytes()
        cache_key = _config_key(raw)
        data = (config_dir(project_root) / f"{cache_key}{CONFIG_SUFFIX}").read_bytes()
    except OSError:
        return None
    head = CONFIG_MAGIC + cache_key.encode("ascii") + b"\n"
    if not data.startswith(head):
        return None
    try:
        value = pickle.loads(data[len(head):])
    except Exception:  # noqa: BLE001 - a corrupt cache file: read the configuration again
        return None
    return value if isinstance(value, dict) else None


def write_config(project_root: Path, path: Path, config: Any) -> None:
    """Keep the data of a configuration file that passed the schema (see read_config)."""
    if not enabled() or not isinstance(config, dict):
        return
    try:
        cache_key = _config_key(path.read_bytes())
        data = CONFIG_MAGIC + cache_key.encode("ascii") + b"\n" + pickle.dumps(config, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - unreadable now, or data that does not pickle: no cache
        return
    _store(config_dir(project_root), f"{cache_key}{CONFIG_SUFFIX}", data, CONFIG_SUFFIX)


def _mark_ignored(folder: Path) -> None:
    """A `.gitignore` of `*` at the top of a project-local cache folder (`.aftersales-cache/`)."""
    top = folder.parent if folder.name in ("lint", "config") else folder
    if top.name != ".aftersales-cache":
        return
    ignore = top / ".gitignore"
    if not ignore.exists():
        try:
            ignore.write_text(IGNORE_ALL, encoding="utf-8")
        except OSError:
            pass


def _prune(folder: Path, keep: Path, suffix: str = ".pickle") -> None:
    """Keep the KEEP newest cache files (other rule folders or configs in use); drop the rest."""
    try:
        files = sorted(folder.glob(f"*{suffix}"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return
    for old in files[KEEP:]:
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass
