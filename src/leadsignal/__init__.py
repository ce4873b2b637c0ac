"""leadsignal: shared-leadership signals in Dutch meeting transcripts.

>>> import leadsignal
>>> m = leadsignal.read_text("Anna: Zullen we beginnen?\\nBram: Ja, goed.", "m.txt")
>>> leadsignal.analyse(m).speakers["words"].to_dict()
{'Anna': 3, 'Bram': 2}
"""

from .analysis import SCHEMA, Analysis, analyse
from .config import Config
from .errors import ConfigError, LeadsignalError, ModelError, TranscriptError
from .io import read, read_text
from .model import Meeting, Speaker, Utterance

__all__ = [
    "SCHEMA",
    "Analysis",
    "Config",
    "ConfigError",
    "LeadsignalError",
    "Meeting",
    "ModelError",
    "Speaker",
    "TranscriptError",
    "Utterance",
    "analyse",
    "read",
    "read_text",
]
__version__ = "0.1.0"
