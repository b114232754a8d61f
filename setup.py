"""Build the optional C loader; without a C compiler the package installs and runs in pure Python."""

from __future__ import annotations

import sys

from setuptools import Extension, setup

NATIVE = "digimandate/model/_native"
LIBYAML = f"{NATIVE}/libyaml"  # LibYAML's parser, vendored unmodified (see its SOURCE.md)
LIBYAML_VERSION = (0, 2, 5)

# libyaml's own build writes its version into config.h; here the compiler is told it instead.
version_macros = [
    ("YAML_VERSION_MAJOR", str(LIBYAML_VERSION[0])),
    ("YAML_VERSION_MINOR", str(LIBYAML_VERSION[1])),
    ("YAML_VERSION_PATCH", str(LIBYAML_VERSION[2])),
    ("YAML_VERSION_STRING", '"{}.{}.{}"'.format(*LIBYAML_VERSION)),
]

# optional=True: when compiling fails (no compiler, no Python headers), setuptools warns and
# installs the package without the extension; digimandate.model.loader then uses its Python builder.
extensions = [
    Extension(
        "digimandate.model._cload",
        sources=[f"{NATIVE}/cload.c", *(f"{LIBYAML}/src/{name}.c" for name in ("api", "reader", "scanner", "parser"))],
        depends=[f"{LIBYAML}/include/yaml.h", f"{LIBYAML}/src/yaml_private.h"],
        include_dirs=[f"{LIBYAML}/include"],
        # Static linking of the yaml_* functions: no import/export decoration on Windows.
        define_macros=[*version_macros, ("YAML_DECLARE_STATIC", None)],
        # Hidden: our copy of libyaml is neither offered to nor replaced by another module's.
        extra_compile_args=[] if sys.platform == "win32" else ["-fvisibility=hidden"],
        optional=True,
    )
]

setup(ext_modules=extensions)
