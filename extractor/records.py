"""The record contract (schema_version 1): typed, JSON-serialisable results.

Field names are fixed by DESIGN.md because downstream databases read them;
pydantic gives validation and the JSON Schema (``extractor schema``) from the
same definitions, so the two cannot drift apart.
"""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")

    def to_json(self, **kwargs) -> str:
        return self.model_dump_json(**kwargs)


class Mention(_Model):
    """A stretch of the record's ``text``: ``text[start:end] == mention text``."""

    text: str
    start: int
    end: int


class Source(_Model):
    url: Optional[str] = None
    path: Optional[str] = None
    kind: Literal["html", "text", "pdf"] = "text"
    fetched_at: Optional[str] = None


class Council(_Model):
    name: str = Field(description="canonical name from the gazetteer")
    la_code: Optional[str] = Field(description="DfE local authority code")
    gss_code: Optional[str] = Field(description="ONS GSS code")
    nation: str = "England"
    mentions: list[Mention]


class Rating(_Model):
    subject: str = Field(description="council's canonical name, or the institution's name")
    gss_code: Optional[str] = None
    service: Optional[str] = None
    rating: str = Field(description="normalised lowercase grade")
    status: Literal["current", "previous"]
    year: Optional[int] = None
    judgement: Optional[str] = None
    inspection_type: Optional[str] = None
    evidence: Mention


class DateFact(_Model):
    text: str
    value: str = Field(description="ISO date at the written granularity")
    end_value: Optional[str] = None
    granularity: Literal["day", "month", "year"]
    role: Optional[Literal["inspection", "publication"]] = None
    start: int
    end: int
    mentions: list[Mention] = Field(default_factory=list)


class Count(_Model):
    value: Union[int, float]
    item: str = Field(description="counted thing as a lowercase singular lemma")
    text: str
    start: int
    end: int
    mentions: list[Mention] = Field(default_factory=list)


class Money(_Model):
    value: Union[int, float]
    currency: str
    text: str
    start: int
    end: int
    mentions: list[Mention] = Field(default_factory=list)


class Official(_Model):
    name: str
    role: Optional[str] = None
    organisation: Optional[str] = None
    mentions: list[Mention]


class ErrorInfo(_Model):
    """Why a document (or part of one) could not be processed."""

    stage: Literal["read", "extract"]
    message: str
    path: Optional[str] = None


class Record(_Model):
    """Everything extracted from one document."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: str
    source: Source
    title: Optional[str] = None
    authors: list[str] = Field(default_factory=list)
    published: Optional[str] = None
    text: str = ""
    councils: list[Council] = Field(default_factory=list)
    ratings: list[Rating] = Field(default_factory=list)
    dates: list[DateFact] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    money: list[Money] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    errors: list[ErrorInfo] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of :class:`Record`."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ofsted-extractor record (schema_version 1)"
    return schema
