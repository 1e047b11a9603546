"""Why the pipeline cannot be built on this machine (kept free of spaCy, so
the command line can name the reason without loading it)."""


class PipelineUnavailable(RuntimeError):
    """The pipeline cannot be built here, so no document can be extracted:
    a run stops with the reason instead of failing every document."""


class ModelNotFound(PipelineUnavailable):
    """Neither base English model is installed."""
