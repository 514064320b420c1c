"""A site's own extension: ``GREETING`` in a page becomes ``TEXT`` (changed by a test)."""

TEXT = "hello from the first version"


def _replace(app, docname, source):
    source[0] = source[0].replace("GREETING", TEXT)


def setup(app):
    app.connect("source-read", _replace)
    return {"parallel_read_safe": True}
