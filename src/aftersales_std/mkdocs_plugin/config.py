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
    # Write each page in zh-Hant-TW and zh-Hant-HK beside it for the 繁體 choice (sitegen.regional).
    regional = c.Type(bool, default=True)
    # Light pages: Material's script is loaded when search is opened, not with the page, and its
    # stylesheets keep only the rules whose classes and ids the site uses (sitegen.lightweight).
    light = c.Type(bool, default=True)
