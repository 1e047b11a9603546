"""ofsted-extractor: news articles and Ofsted reports -> linked JSON records.

>>> from extractor import Extractor
>>> record = Extractor().extract(Path("article.txt"))
>>> record.ratings[0].rating
'inadequate'
"""
__version__ = "0.1.0"  # first: submodules read it

from .api import Extractor, extract  # noqa: E402
from .documents import Document, DocumentError, Limits, read_document  # noqa: E402
from .fetcher import FetchOptions, FetchReport, FetchResult, fetch, fetch_async  # noqa: E402
from .records import Record, json_schema  # noqa: E402

__all__ = ["Document", "DocumentError", "Extractor", "FetchOptions", "FetchReport", "FetchResult", "Limits", "Record",
           "__version__", "extract", "fetch", "fetch_async", "json_schema", "read_document"]
