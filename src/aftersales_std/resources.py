"""Where the bundled default content lives: inside the wheel, or at the root of a checkout."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from aftersales_std.errors import AftersalesError

BUNDLED_ITEMS = ("aftersales.yaml", "mkdocs.yml", "glossary", "standards", "checks", "templates", "site")


def bundled_root() -> Path:
    packaged = Path(str(resources.files("aftersales_std"))) / "_bundled"
    if (packaged / "aftersales.yaml").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2]  # src/aftersales_std -> repository root
    if (checkout / "aftersales.yaml").is_file() and (checkout / "glossary").is_dir():
        return checkout
    raise AftersalesError("the bundled content is missing from this installation; reinstall aftersales-std")
