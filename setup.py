"""Build the optional C loader; without a C compiler the package installs and runs in pure Python."""

from __future__ import annotations

import sys

from setuptools import Extension, setup

# optional=True: when compiling fails (no compiler, no Python headers), setuptools warns and
# installs the package without the extension; digimandate.loader then uses its Python builder.
extensions = [
    Extension(
        "digimandate._cload",
        sources=["digimandate/_native/cload.c"],
        include_dirs=["digimandate/_native"],
        optional=True,
    )
] if sys.platform != "win32" else []  # the C loader finds PyYAML's libyaml with dlopen

setup(ext_modules=extensions)
