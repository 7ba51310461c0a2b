"""Options of the `aftersales-glossary` MkDocs plugin."""
from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class GlossaryPluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # The project folder (holding aftersales.yaml); default: the folder of mkdocs.yml.
    project = c.Optional(c.Type(str))
    # Offer the glossary as JSON, CSV and TBX when aftersales_std.termbase is installed.
    downloads = c.Type(bool, default=True)
    # Write a .gz beside every text file over 1 KB (for servers that send precompressed files).
    precompress = c.Type(bool, default=True)
    # Carry each page's article in zh-Hant-TW and zh-Hant-HK for the 繁體 choice (sitegen.regional).
    regional = c.Type(bool, default=True)
