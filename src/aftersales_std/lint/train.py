"""Moved to aftersales_std.lint.tools.train (training is not on the lint path); kept so that
`from aftersales_std.lint.train import ...` in callers keeps working."""
from aftersales_std.lint.tools.train import *  # noqa: F401,F403
from aftersales_std.lint.tools.train import TRIGGER_MAX_SHARE, _triggers, read_acceptable, read_labels, train, write_model  # noqa: F401
