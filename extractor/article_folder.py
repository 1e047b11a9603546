"""The article folder: one body file per URL plus a JSON sidecar saying where
and when it came from.

The fetcher writes folders in this layout and ``extractor run`` reads them, so
the layout lives here, apart from both (and without importing httpx). File
names are derived from the URL but never trusted: they hold only
``[a-z0-9._-]``, are capped in length, end in a hash of the whole URL so two
URLs never share a file, and are checked to sit directly inside the folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SIDECAR_SUFFIX = ".json"
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_SLUG_LENGTH = 60
_HASH_LENGTH = 12


@dataclass
class Sidecar:
    """What the fetcher knew about one saved body (the JSON written beside it)."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    kind: str
    file: str
    size: int
    sha256: str
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"


def stem_for(url: str) -> str:
    """A safe, stable file stem for ``url``: host, path slug and a URL hash."""
    parts = urlsplit(url)
    host = _SLUG_CHARS.sub("-", (parts.netloc or "no-host").lower()).strip("-")
    slug = _SLUG_CHARS.sub("-", f"{parts.path} {parts.query}".lower()).strip("-")[:_SLUG_LENGTH].strip("-")
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:_HASH_LENGTH]
    return "_".join(piece for piece in (host[:60], slug, digest) if piece)


class ArticleFolder:
    """Reads and writes bodies and sidecars in one folder, atomically."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def inside(self, name: str) -> Path:
        """``root/name``, refusing any name that would land elsewhere."""
        path = self.root / name
        if os.path.dirname(name) or name in ("", ".", "..") or path.resolve().parent != self.root.resolve():
            raise ValueError(f"unsafe file name {name!r}")
        return path

    def sidecar_path(self, url: str) -> Path:
        return self.inside(stem_for(url) + SIDECAR_SUFFIX)

    def previous(self, url: str) -> Sidecar | None:
        """The sidecar of an earlier fetch of ``url`` whose body is still there."""
        sidecar = load_sidecar(self.sidecar_path(url))
        if sidecar is None or not self.inside(sidecar.file).is_file():
            return None
        return sidecar

    def save(self, sidecar: Sidecar, body: bytes, suffix: str, earlier: Sidecar | None = None) -> Path:
        """Write the body, then its sidecar (so a sidecar always has its body);
        the body of the ``earlier`` fetch, if saved under another suffix, is removed."""
        self.root.mkdir(parents=True, exist_ok=True)
        sidecar.file = stem_for(sidecar.url) + suffix
        path = self.inside(sidecar.file)
        _write_atomically(path, body)
        _write_atomically(self.sidecar_path(sidecar.url), sidecar.to_json().encode("utf-8"))
        if earlier and earlier.file != sidecar.file:
            self.inside(earlier.file).unlink(missing_ok=True)
        return path


def load_sidecar(path: str | os.PathLike[str]) -> Sidecar | None:
    """The sidecar at ``path``, or None when there is none or it is not ours."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Sidecar(**data)
    except (OSError, ValueError, TypeError):
        return None


def sidecar_for(body: str | os.PathLike[str]) -> Sidecar | None:
    """The sidecar describing the body file ``body``, if the fetcher wrote one."""
    path = Path(body)
    sidecar = load_sidecar(path.with_suffix(SIDECAR_SUFFIX))
    return sidecar if sidecar is not None and sidecar.file == path.name else None


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_bytes(data)
    os.replace(temporary, path)
