"""Build digimandate's C loader: cload.c with LibYAML's parser compiled in (a C compiler is required)."""

from __future__ import annotations

import sys

from setuptools import Extension, setup

LIBYAML = "libyaml"  # LibYAML's parser, vendored unmodified (see its SOURCE.md)
LIBYAML_VERSION = (0, 2, 5)

# libyaml's own build writes its version into config.h; here the compiler is told it instead.
version_macros = [
    ("YAML_VERSION_MAJOR", str(LIBYAML_VERSION[0])),
    ("YAML_VERSION_MINOR", str(LIBYAML_VERSION[1])),
    ("YAML_VERSION_PATCH", str(LIBYAML_VERSION[2])),
    ("YAML_VERSION_STRING", '"{}.{}.{}"'.format(*LIBYAML_VERSION)),
]

# Not optional: installing this distribution asks for the C loader, so a failed build must fail the
# install (digimandate itself needs no compiler and loads in Python without this module).
extensions = [
    Extension(
        "digimandate_cload",
        sources=["cload.c", *(f"{LIBYAML}/src/{name}.c" for name in ("api", "reader", "scanner", "parser"))],
        depends=[f"{LIBYAML}/include/yaml.h", f"{LIBYAML}/src/yaml_private.h"],
        include_dirs=[f"{LIBYAML}/include"],
        # Static linking of the yaml_* functions: no import/export decoration on Windows.
        define_macros=[*version_macros, ("YAML_DECLARE_STATIC", None)],
        # Hidden: our copy of libyaml is neither offered to nor replaced by another module's.
        extra_compile_args=[] if sys.platform == "win32" else ["-fvisibility=hidden"],
    )
]

setup(ext_modules=extensions)
