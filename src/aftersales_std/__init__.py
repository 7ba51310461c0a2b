"""aftersales-std: one source of truth for after-sales service terms and standards."""
from __future__ import annotations

__version__ = "0.1.0"
