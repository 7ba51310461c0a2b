"""The cues of the matchers' detectors: one cheap search each, a necessary condition of the detector finding
anything in a text. Each detector module checks its own cue first; `lint.matchers` checks the same cue
before it calls (and so imports) the detector, so that a text without the cue costs one search and a run
over texts without it never compiles the detector's shapes. The cues are here, in a module that
compiles nothing else, so that both read the same expression.

The cues of commitments, refusals and normalising are searched in the detectors' word view
(`_text.word_view`: folded, words spaced apart read as one); the process-words cue in the raw text (it
holds both scripts).
"""
from __future__ import annotations

import re

__all__ = ["COMMITMENTS", "REFUSALS", "NORMALISING", "PROCESS_WORDS"]

# detectors.commitments: a commitment verb (or 就, which marks one bound to an event)
COMMITMENTS = re.compile(r"处理|跟进|反馈|沟通|协调|同步|审核|核实|落实|安排|解决|follow|handle|看|就")
# detectors.refusals: a negation, 无能, 无法, 无权, 无据, 难办, 自己, 再打, 缺乏 or 符合 (one character class first, as
# [不没]|无能|无法|无权|无据|难办|自己|再打|缺乏|符合 written so that a search skips ahead to those characters)
REFUSALS = re.compile(r"[不没无难自再缺符](?:(?<=[不没])|(?<=无)[能法权据]|(?<=难)办|(?<=自)己|(?<=再)打|(?<=缺)乏|(?<=符)合)")
# detectors.normalising
NORMALISING = re.compile(r"正常|常见|普遍|这样|咁|如此|都|哪|影响")
# detectors.process_words, on the raw text: the two characters at the heart of every shape (in both scripts)
PROCESS_WORDS = re.compile(r"[一二三常题題截留赔賠难難头頭收区區时時回进進转轉码碼Cc]"  # one character class first: fast to scan
                           r"(?:(?<=[一二三])(?:\s?[线線级級]|[核审審派检檢]|方)|(?<=[常题題截留赔賠难難头頭收区區时時回])\s?[件单單]"
                           r"|(?<=[进進转轉])入|(?<=[码碼])|(?<=[Cc])(?i:ode))")
