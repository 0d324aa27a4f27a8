"""The values the tagger passes between its steps: a Candidate (one way a
story writes a name) and an Entity (one tag, with its type and salience)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    mentions: int
    score: float
    forms: tuple[str, ...] = ()


@dataclass
class Candidate:
    """One way the text writes an entity, with what is known of it."""

    tokens: tuple[str, ...]
    count: int = 0
    first: int = 10**9  # offset of the first mention
    in_title: bool = False
    in_standfirst: bool = False
    titled: bool = False  # seen after "Mr", "President"...
    quoted: bool = False
    placed: bool = False  # seen after "the town of", "the city of"...
    aged: int = 0  # times seen alone after "the 42-year-old"
    forms: set = field(default_factory=set)
    person: bool | None = None  # memo of kinds.looks_like_person
    place: str | None = field(default=None, repr=False)  # memo of kinds.place_kind ("" : none)

    @property
    def text(self) -> str:
        return " ".join(self.tokens)
