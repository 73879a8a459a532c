class ImportFailed(Exception):
    """A file the importer refuses; the message is one line a person can act on."""
