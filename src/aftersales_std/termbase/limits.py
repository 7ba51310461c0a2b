"""Limits of glossary import, so that a small or odd input never costs much, and reading the input file.

A file to import is read only when it is a regular file (not /dev/zero, a FIFO or a folder), and at
most MAX_BYTES of it: beyond that it is refused before it is read whole.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from aftersales_std.termbase.entry import ImportProblems

MAX_BYTES = 64 * 1024 * 1024  # 64 MiB: a glossary of 100,000 concepts in CSV is about 40 MB
MAX_COLUMNS = 200  # CSV header columns (ours has 16)
MAX_CELL = 131_072  # characters of one CSV cell (the csv module's default field limit)


def read_input(path: Path, shown: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ImportProblems([f"{shown}:1: cannot read the file: {exc.strerror}"]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ImportProblems([f"{shown}:1: not a regular file (a device, pipe or folder); save the terms to "
                                  "a .csv or .tbx file and import that"])
        if info.st_size > MAX_BYTES:
            raise ImportProblems([f"{shown}:1: the file is {info.st_size:,} bytes; import takes at most "
                                  f"{MAX_BYTES:,} bytes: split it into smaller files"])
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ImportProblems([f"{shown}:1: cannot read the file: {exc.strerror}"]) from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise ImportProblems([f"{shown}:1: the file is larger than {MAX_BYTES:,} bytes; split it into smaller files"])
    return data
