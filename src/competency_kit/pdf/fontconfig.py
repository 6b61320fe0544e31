"""The fonts installed on this machine, as fontconfig (the library Pango finds fonts with)
knows them.

Only a few functions of fontconfig's stable C interface are declared, in cffi's ABI mode, so
nothing is compiled. A machine where fontconfig cannot be loaded has no installed fonts as far
as the documents are concerned (WeasyPrint could not run there either).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import cffi

DECLARATIONS = """
typedef int FcBool;
typedef unsigned int FcChar32;
typedef unsigned char FcChar8;
typedef struct _FcPattern FcPattern;
typedef struct _FcCharSet FcCharSet;
typedef struct _FcObjectSet FcObjectSet;
typedef struct _FcConfig FcConfig;
typedef struct { int nfont; int sfont; FcPattern **fonts; } FcFontSet;
typedef enum { FcResultMatch, FcResultNoMatch, FcResultTypeMismatch, FcResultNoId,
               FcResultOutOfMemory } FcResult;
FcPattern *FcPatternCreate(void);
void FcPatternDestroy(FcPattern *p);
FcObjectSet *FcObjectSetCreate(void);
FcBool FcObjectSetAdd(FcObjectSet *os, const char *object);
void FcObjectSetDestroy(FcObjectSet *os);
FcFontSet *FcFontList(FcConfig *config, FcPattern *p, FcObjectSet *os);
void FcFontSetDestroy(FcFontSet *s);
FcResult FcPatternGetCharSet(const FcPattern *p, const char *object, int n, FcCharSet **c);
FcResult FcPatternGetString(const FcPattern *p, const char *object, int n, FcChar8 **s);
FcBool FcCharSetHasChar(const FcCharSet *fcs, FcChar32 ucs4);
"""
LIBRARY_NAMES = (
    "libfontconfig.so.1",
    "libfontconfig-1",
    "fontconfig-1",
    "fontconfig",
    "libfontconfig.1.dylib",
    "libfontconfig-1.dll",
)


@lru_cache(maxsize=1)
def _library() -> tuple[Any, Any] | None:
    ffi = cffi.FFI()
    ffi.cdef(DECLARATIONS)
    for name in LIBRARY_NAMES:
        try:
            return ffi, ffi.dlopen(name)
        except OSError:
            continue
    return None


@lru_cache(maxsize=1)
def installed_fonts() -> tuple[tuple[str, Any], ...]:
    """Each installed font's family name and character set, listed once per process (the
    font set is kept alive for the process: its character sets belong to it)."""
    loaded = _library()
    if loaded is None:
        return ()
    ffi, fc = loaded
    pattern, objects = fc.FcPatternCreate(), fc.FcObjectSetCreate()
    for wanted in (b"family", b"charset"):
        fc.FcObjectSetAdd(objects, wanted)
    fonts = fc.FcFontList(ffi.NULL, pattern, objects)
    fc.FcPatternDestroy(pattern)
    fc.FcObjectSetDestroy(objects)
    if fonts == ffi.NULL:
        return ()
    found: list[tuple[str, Any]] = []
    for index in range(fonts.nfont):
        charset, family = ffi.new("FcCharSet **"), ffi.new("FcChar8 **")
        font = fonts.fonts[index]
        if fc.FcPatternGetCharSet(font, b"charset", 0, charset) != fc.FcResultMatch:
            continue
        named = fc.FcPatternGetString(font, b"family", 0, family) == fc.FcResultMatch
        name: str = ffi.string(family[0]).decode("utf-8", "replace") if named else "?"
        found.append((name, charset[0]))
    _kept.append(fonts)
    return tuple(sorted(found, key=lambda item: item[0]))


_kept: list[Any] = []


@lru_cache(maxsize=4096)
def font_for(characters: str) -> str | None:
    """The family name of an installed font that has every one of ``characters``, or None."""
    loaded = _library()
    if loaded is None:
        return None
    fc = loaded[1]
    codes = [ord(character) for character in characters]
    return next(
        (
            name
            for name, charset in installed_fonts()
            if all(fc.FcCharSetHasChar(charset, code) for code in codes)
        ),
        None,
    )
