"""The haystack engine of SEARCH_URL=xapian:///path (xapian-haystack's, imported only when
chosen), writing the archive's documents through xapian/engine.py's XapianSearch."""


def engine_class(XapianSearch):  # noqa: N803 (the engine class, passed in)
    """xapian-haystack's engine, writing the archive's documents through XapianSearch
    (haystack's update_index and clear_index then agree with the queue's writer)."""
    from xapian_backend import XapianEngine, XapianSearchBackend

    class ArchiveXapianBackend(XapianSearchBackend):
        """xapian-haystack's backend with the archive's document format."""

        def update(self, index, iterable, commit=True):
            engine = XapianSearch(self.path)
            memos = list(iterable)
            engine.write([memo.pk for memo in memos], {memo.pk: memo for memo in memos})

        def remove(self, obj_or_string, commit=True):
            # A model instance, or haystack's "archive.memo.<pk>" (update_index --remove).
            pk = getattr(obj_or_string, "pk", None)
            if pk is None:
                tail = str(obj_or_string).rsplit(".", 1)[-1]
                pk = int(tail) if tail.isdigit() else None
            if pk is not None:
                XapianSearch(self.path).write([pk], {})

        def clear(self, models=None, commit=True):
            engine = XapianSearch(self.path)
            engine.write(sorted(engine.indexed_ids()), {})

    class ArchiveXapianEngine(XapianEngine):
        """The engine named by SEARCH_URL=xapian:///path."""

        backend = ArchiveXapianBackend

    return ArchiveXapianEngine
