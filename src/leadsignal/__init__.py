"""leadsignal: shared-leadership signals in Dutch meeting transcripts.

>>> import leadsignal
>>> m = leadsignal.read_text("Anna: Zullen we beginnen?\\nBram: Ja, goed.", "m.txt")
>>> leadsignal.analyse(m).speakers["words"].to_dict()
{'Anna': 3, 'Bram': 2}
"""

from typing import TYPE_CHECKING, Any

from .config import Config
from .errors import ConfigError, LeadsignalError, ModelError, TranscriptError
from .io import read, read_text
from .transcript import Meeting, Utterance

if TYPE_CHECKING:
    from .analysis import analyse
    from .contract import SCHEMA
    from .results import Analysis, compare


def __getattr__(name: str) -> Any:
    # The analysis layer pulls in spaCy, scikit-learn, pandas and networkx (seconds of imports); reading
    # transcripts should not pay for that, so it is imported on first use.
    if name in ("SCHEMA", "Analysis", "analyse"):
        from . import analysis

        return getattr(analysis, name)  # analysis re-exports SCHEMA (contract) and Analysis (results)
    if name == "compare":
        from .results import compare

        return compare
    raise AttributeError(f"module 'leadsignal' has no attribute {name!r}")


__all__ = [
    "SCHEMA",
    "Analysis",
    "Config",
    "ConfigError",
    "LeadsignalError",
    "Meeting",
    "ModelError",
    "TranscriptError",
    "Utterance",
    "analyse",
    "compare",
    "read",
    "read_text",
]
__version__ = "0.1.0"
