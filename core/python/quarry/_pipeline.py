"""quarry.Pipeline: one pipeline, one or many documents."""

import collections
import concurrent.futures
import ctypes
import itertools
import json
import queue
import threading

from . import _library
from ._offsets import add_char_offsets

_lib = _library.load()

LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG = 0, 1, 2, 3


class QuarryError(Exception):
    """A pipeline that cannot be opened (every problem, one per line, as
    `quarry check` prints them), or a failure of the library itself."""


def version():
    """The library's version, e.g. '0.1.0'."""
    return _lib.qry_version().decode()


def set_log_level(level):
    """Plugin log lines less severe than `level` (LOG_ERROR .. LOG_DEBUG)
    are dropped; the rest go to standard error. Process-wide."""
    _lib.qry_set_log_level(int(level))


def _as_document(item, position):
    """(id, text) from a str, an (id, text) pair or a {"id", "text"} dict."""
    if isinstance(item, str):
        return str(position), item
    if isinstance(item, dict):
        return str(item.get("id", position)), item["text"]
    doc_id, text = item
    return str(doc_id), text


class Pipeline:
    """A pipeline from an INI file (None: the built-in default pipeline)
    with `workers` plugin instances, so that many documents can be
    extracted at once on `workers` threads (the library releases the GIL
    while it works).

    extract(text) -> record dict; extract_many(docs) -> records in order.
    Close it (or use `with`) to free the plugins' memory at once."""

    def __init__(self, ini=None, workers=1):
        if int(workers) < 1:
            raise ValueError("workers must be at least 1")
        self.workers = int(workers)
        err = ctypes.create_string_buffer(16384)
        path = None if ini is None else str(ini).encode()
        self._p = _lib.qry_pipeline_open(path, self.workers, err, len(err))
        if not self._p:
            raise QuarryError(err.value.decode("utf-8", "replace") or "cannot open the pipeline")
        # each worker index is used by one thread at a time
        self._free = queue.SimpleQueue()
        for k in range(self.workers):
            self._free.put(k)
        self._lock = threading.Lock()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def close(self):
        """Destroy the plugin instances. The pipeline cannot be used after."""
        p, self._p = getattr(self, "_p", None), None
        if p:
            _lib.qry_pipeline_close(p)

    def _extract_on(self, worker, doc_id, text):
        data = text.encode("utf-8", "surrogatepass")
        out, out_len = ctypes.c_void_p(), ctypes.c_size_t()
        rc = _lib.qry_pipeline_extract(self._p, worker, doc_id.encode("utf-8", "surrogatepass"), data,
                                       len(data), ctypes.byref(out), ctypes.byref(out_len))
        if rc != 0:
            raise QuarryError("extract failed: " + _lib.qry_status_name(rc).decode())
        try:
            line = ctypes.string_at(out, out_len.value)
        finally:
            _library.free(out)
        record = json.loads(line)
        return add_char_offsets(record, text, data)

    def extract(self, text, id="-"):
        """The record of one document: {"id", "entities", "errors"} as
        docs/record-format.md describes, each entity with byte offsets
        (start, end) and character offsets (char_start, char_end: indices
        into `text`), and char_spans for its X_start/X_end attributes.
        Thread-safe: up to `workers` calls run at once."""
        if not self._p:
            raise QuarryError("the pipeline is closed")
        if not isinstance(text, str):
            raise TypeError("text must be a str")
        worker = self._free.get()
        try:
            return self._extract_on(worker, str(id), text)
        finally:
            self._free.put(worker)

    def extract_many(self, documents, batch=16):
        """Records for many documents, in their order, `workers` at a time.
        Each document is a str (its id: its position), an (id, text) pair or
        a dict with "text" (and "id"). Lazy: reads ahead by a few batches of
        `batch` documents per worker (a batch is what a thread takes at once,
        so that handing work over costs less than the work), so a generator
        of any length is fine."""
        items = (_as_document(d, k) for k, d in enumerate(documents))
        if self.workers == 1:
            for doc_id, text in items:
                yield self.extract(text, doc_id)
            return

        def run(chunk):
            return [self.extract(text, doc_id) for doc_id, text in chunk]

        ahead = 2 * self.workers
        with concurrent.futures.ThreadPoolExecutor(self.workers) as pool:
            pending = collections.deque()
            while True:
                chunk = list(itertools.islice(items, batch))
                if chunk:
                    pending.append(pool.submit(run, chunk))
                while pending and (len(pending) >= ahead or not chunk):
                    yield from pending.popleft().result()
                if not chunk:
                    return

    __call__ = extract
