"""ofsted-extractor: news articles and Ofsted reports -> linked JSON records.

>>> from extractor import Extractor
>>> record = Extractor().extract(Path("article.txt"))
>>> record.ratings[0].rating
'inadequate'
"""
from .api import Extractor, extract
from .documents import Document, DocumentError, read_document
from .records import Record, json_schema

__version__ = "0.1.0"

__all__ = ["Document", "DocumentError", "Extractor", "Record", "__version__", "extract", "json_schema", "read_document"]
