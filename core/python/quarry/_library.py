"""Finding and binding libquarry. Where the library is, in this order:
QUARRY_LIBRARY (a path, for a build tree), the library directory of the
installed prefix this package was installed with (written into _install.py
at install time, as a path relative to this package), the system's search.
"""

import ctypes
import ctypes.util
import os

_SONAME = "libquarry.so.0"


def _candidates():
    explicit = os.environ.get("QUARRY_LIBRARY")
    if explicit:
        yield explicit
    try:
        from . import _install  # written by `cmake --install`
    except ImportError:
        _install = None
    if _install is not None:
        here = os.path.dirname(os.path.abspath(__file__))
        yield os.path.normpath(os.path.join(here, _install.LIBDIR_FROM_PACKAGE, _SONAME))
    yield _SONAME
    found = ctypes.util.find_library("quarry")
    if found:
        yield found


def load():
    """The bound library; OSError naming every place tried when absent."""
    tried = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
        except OSError as exc:
            tried.append(f"{path} ({exc})")
            continue
        _bind(lib)
        return lib
    raise OSError("libquarry not found; tried: " + "; ".join(tried))


def _bind(lib):
    c = ctypes
    lib.qry_version.restype = c.c_char_p
    lib.qry_version.argtypes = []
    lib.qry_pipeline_open.restype = c.c_void_p
    lib.qry_pipeline_open.argtypes = [c.c_char_p, c.c_uint, c.c_char_p, c.c_size_t]
    lib.qry_pipeline_extract.restype = c.c_int
    lib.qry_pipeline_extract.argtypes = [c.c_void_p, c.c_uint, c.c_char_p, c.c_char_p, c.c_size_t,
                                         c.POINTER(c.c_void_p), c.POINTER(c.c_size_t)]
    lib.qry_pipeline_close.restype = None
    lib.qry_pipeline_close.argtypes = [c.c_void_p]
    lib.qry_status_name.restype = c.c_char_p
    lib.qry_status_name.argtypes = [c.c_int]
    lib.qry_set_log_level.restype = None
    lib.qry_set_log_level.argtypes = [c.c_int]


# The records' memory comes from the C library's malloc: free it there.
_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
_libc.free.restype = None
_libc.free.argtypes = [ctypes.c_void_p]
free = _libc.free
