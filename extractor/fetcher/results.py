"""What a fetch run did, URL by URL, and the summary a user reads at the end."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Outcome = Literal["fetched", "unchanged", "failed"]


@dataclass
class FetchResult:
    url: str
    outcome: Outcome
    path: Path | None = None
    """The saved body (also for "unchanged"; None when the URL failed)."""
    final_url: str | None = None
    status: int | None = None
    """The last HTTP status seen, if any response arrived."""
    reason: str | None = None
    """Why the URL failed."""
    attempts: int = 0
    size: int = 0


@dataclass
class FetchReport:
    folder: Path
    results: list[FetchResult] = field(default_factory=list)

    def _with(self, outcome: Outcome) -> list[FetchResult]:
        return [result for result in self.results if result.outcome == outcome]

    @property
    def fetched(self) -> list[FetchResult]:
        return self._with("fetched")

    @property
    def unchanged(self) -> list[FetchResult]:
        return self._with("unchanged")

    @property
    def failed(self) -> list[FetchResult]:
        return self._with("failed")

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"{len(self.results)} URLs: {len(self.fetched)} fetched, {len(self.unchanged)} unchanged, "
                f"{len(self.failed)} failed -> {self.folder}")
