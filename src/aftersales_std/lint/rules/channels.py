"""Channels: where a reply is sent (chat, phone, email, sms ...), and what a team accepts there.

The rules apply in every channel. A project may relax them for one channel in `aftersales.yaml`:

    lint:
      channels:
        chat:
          allow: [亲]               # a finding whose matched words are one of these is dropped
          severity: {AD02: suggestion, JG01: off}

A reply says its channel in the input: the `channel` of a YAML reply (templates/replies), the
`channel` field of a JSONL record or the `channel` column of a CSV file, else `--channel NAME`
(`lint_text(..., channel=NAME)`) for all of a run's inputs. Without a channel, or in a channel
the config does not name, the rules apply as they are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from aftersales_std.lint.text.fold import fold

__all__ = ["ChannelRules", "policies", "NAME"]

NAME = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_OFF = "off"


@dataclass(frozen=True)
class ChannelRules:
    """What one channel accepts: phrases (folded) that are fine there, and per-rule severities."""

    allow: frozenset[str] = frozenset()
    severity: Mapping[str, str] = field(default_factory=dict)  # a dict: Options go to worker processes

    def adjust(self, code: str, severity: str, match: str) -> str | None:
        """The severity of a finding of rule `code` on `match` in this channel; None: no finding."""
        if self.allow and fold(match) in self.allow:
            return None
        level = self.severity.get(code)
        if level is None:
            return severity
        return None if level == _OFF else level


def policies(lint_config: Mapping[str, Any] | None) -> Mapping[str, ChannelRules]:
    """`lint.channels` of a validated config -> channel name -> ChannelRules."""
    out: dict[str, ChannelRules] = {}
    for name, data in ((lint_config or {}).get("channels") or {}).items():
        data = data or {}
        allow = frozenset(f for f in (fold(str(p)) for p in data.get("allow") or ()) if f)
        # YAML reads an unquoted `off` as false
        severity = {str(code): (_OFF if level is False or level == _OFF else str(level))
                    for code, level in (data.get("severity") or {}).items()}
        out[str(name)] = ChannelRules(allow, severity)
    return out
