"""The actor knowledge base: countries, organisations, people with dated roles, role nouns."""

from kroniek.kb.base import Candidate, KnowledgeBase, default_kb, middle_day
from kroniek.kb.names import fold, name_key, strip_possessive

__all__ = [
    "Candidate",
    "KnowledgeBase",
    "default_kb",
    "fold",
    "middle_day",
    "name_key",
    "strip_possessive",
]
