"""Sources: what is linted, read into texts with their positions.

- `inputs`: files (Markdown, YAML, JSON, CSV, plain text) and their segments, positions in the file,
  discovery of the files under a folder;
- `jsonl`: JSON Lines records read in blocks (one reply a record);
- `suppress`: inline directives (`<!-- aftersales: disable=... -->`) read from a source.

Other parts take a `Source` / `Segment` and give positions back in its coordinates.
"""
