"""Text: the folded form the rules match (script, width and case folded; whitespace deleted) and the
map back to the original positions (`fold`). The detectors' same-length fold is in
`lint.detectors._text`.
"""
