"""Build the optional C loader; without a C compiler the package installs and runs in pure Python."""

from __future__ import annotations

import sys

from setuptools import Extension, setup

# optional=True: when compiling fails (no compiler, no Python headers), setuptools warns and
# installs the package without the extension; digimandate.model.loader then uses its Python builder.
extensions = [
    Extension(
        "digimandate.model._cload",
        sources=["digimandate/model/_native/cload.c"],
        include_dirs=["digimandate/model/_native"],
        optional=True,
    )
] if sys.platform != "win32" else []  # the C loader finds PyYAML's libyaml with dlopen

setup(ext_modules=extensions)
