"""spaCy components, one registered factory per module.

Importing this package registers every factory, so ``nlp.add_pipe("ofsted_ratings")``
works in any pipeline (spaCy also finds them through the ``spacy_factories``
entry point once the package is installed).
"""
from . import attributes, councils, dates, entities, lemmas, officials, paragraphs, quantities, ratings  # noqa: F401
