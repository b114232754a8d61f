"""Shared fixtures."""

from __future__ import annotations

import gc
import itertools
import os
import pickle
import re
import shutil
import sys
import tempfile
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Bytecode is cached as Python does by default (in __pycache__, which git ignores), even where the environment
# sets PYTHONDONTWRITEBYTECODE: otherwise every `python -m digimandate` a test starts compiles the whole package
# from source again. Before the package is first imported below, so that its modules are cached too.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import pytest
import typer
import typer.main
import typer.testing
import yaml

from digimandate.audit.checklist import load_ruleset
from digimandate.audit.flow import audit_document
from digimandate.audit.specs import RuleSet
from digimandate.model import loader
from digimandate.model.document import load_document, parse_document
from digimandate.model.loader import Limits
from digimandate.render.common import Audited

if TYPE_CHECKING:
    from typer._click import Command

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# Real sample files (exports, the UPL, the seed text), copied into the repository: a clone needs nothing beside it.
SAMPLES = ROOT / "tests" / "data" / "samples"

# The terminal view wraps to COLUMNS when it is set. The tests expect it unset, as it is in a pipe; a shell
# may export it, and pytest-xdist's workers inherit the COLUMNS and LINES that readline exports in pytest.
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)

# As the console script does (digimandate.cli.app.main): audits build many small containers that live
# long, and the default thresholds would rescan the test session's objects over and over.
gc.set_threshold(200_000, 20, 20)

# CliRunner.invoke builds the click command from the Typer app on every call, which costs more than most
# of the commands it runs. The command depends only on the app (help texts are fixed when the CLI is
# imported), so build it once per app.
_COMMANDS: weakref.WeakKeyDictionary[typer.Typer, Command] = weakref.WeakKeyDictionary()


def _command(typer_instance: typer.Typer) -> Command:
    command = _COMMANDS.get(typer_instance)
    if command is None:
        command = _COMMANDS[typer_instance] = typer.main.get_command(typer_instance)
    return command


typer.testing._get_command = _command  # type: ignore[attr-defined]  # what CliRunner.invoke calls


# The same bytes load to the same data. The suite loads the shipped examples some 3,000 times (the large
# one seventy times, 25 ms each), so each file's data is built once per process and handed out as a copy
# (unpickled, a tenth of the time); small and generated documents are built every time. Only what loads
# without an error is kept: every error is raised by the builder itself. tests/model/test_loader_cache.py
# checks that a copy is the data, positions and all.
_BUILT: dict[tuple[bytes, str, Limits], bytes] = {}
_build = loader._Builder.build


def _build_once(self: Any, raw: bytes) -> Any:
    if len(raw) < 4096 or len(_BUILT) >= 64:
        return _build(self, raw)
    key = (raw, self.file, self.limits)
    kept = _BUILT.get(key)
    if kept is None:
        data = _build(self, raw)
        _BUILT[key] = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        return data
    return pickle.loads(kept)


loader._Builder.build = _build_once  # type: ignore[method-assign]


def yaml_text(data: Any, **options: Any) -> str:
    """A YAML document of plain data, by LibYAML's emitter where PyYAML has it: five times faster than
    yaml.safe_dump and the same text, except that it escapes characters outside the Basic Multilingual Plane
    (tests of the loader on arbitrary text keep yaml.safe_dump)."""
    text: str = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), **options)
    return text


LARGE = "large-municipality"


def pytest_configure(config: pytest.Config) -> None:
    """The suite's own marks, known also where the tests run without pyproject.toml (the installed package in CI)."""
    known = " ".join(config.getini("markers"))
    for line in ("external: starts other processes; run with -m external",
                 "large: a variant of a parametrized test on the large example; run with -m large"):
        if line.split(":")[0] + ":" not in known:
            config.addinivalue_line("markers", line)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``large`` the variants of a parametrized test that take the large example (hundreds of products).

    The same test runs on the other examples in the suite; .ci/run runs these variants after it
    (``pytest -m large``), as it runs the ``external`` tests: each renders documents of hundreds of pages.
    """
    for item in items:
        spec = getattr(item, "callspec", None)
        if spec is not None and any(LARGE in str(value) for value in spec.params.values()):
            item.add_marker(pytest.mark.large)


_TMP_NUMBERS = itertools.count()


@pytest.fixture
def tmp_path(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new folder per test, named after the test, as pytest's own ``tmp_path`` makes it, but numbered here.

    pytest numbers a test's folder by reading every name in the base folder: with the thousand tests a worker runs,
    that was over a second of CPU per worker.
    """
    name = re.sub(r"\W", "_", request.node.name)[:30]
    path = tmp_path_factory.getbasetemp() / f"{name}-{next(_TMP_NUMBERS)}"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The built-in checklist, loaded once."""
    return load_ruleset()


def audited(path: Path, rules: RuleSet, **kwargs: Any) -> Audited:
    """An audit of a file with its organisation kept, as documents need them."""
    doc = load_document(path)
    return Audited(audit_document(doc, rules, **kwargs), rules, doc.model)


def audited_text(text: str, rules: RuleSet, **kwargs: Any) -> Audited:
    """An audit of organisation YAML text with its organisation kept."""
    doc = parse_document(text)
    return Audited(audit_document(doc, rules, **kwargs), rules, doc.model)


class AuditFolders:
    """Audit folders as a sequence of steps leaves them, each sequence run once per process and copied per test."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._made: dict[tuple[object, ...], Path] = {}

    def copy(self, target: Path, *steps: Sequence[str], epoch: str,
             organisation: Path = EXAMPLES / "small-municipality.yaml") -> Path:
        """Fill ``target`` with the folder that ``organisation.yaml`` and the steps, run on ``epoch``, make."""
        from digimandate.cli.app import app  # the CLI only where a test asks for a folder

        key = (organisation, epoch, tuple(tuple(step) for step in steps))
        template = self._made.get(key)
        if template is None:
            template = Path(tempfile.mkdtemp(dir=self._root))
            shutil.copy(organisation, template / "organisation.yaml")
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("SOURCE_DATE_EPOCH", epoch)
                patch.chdir(template)
                for step in steps:
                    result = typer.testing.CliRunner().invoke(app, list(step))
                    assert result.exit_code == 0, result.output
            self._made[key] = template
        # the steps write nothing that names their folder or depends on when a file was written: a copy is the same
        shutil.copytree(template, target, dirs_exist_ok=True)
        return target


@pytest.fixture(scope="session")
def audit_folders(tmp_path_factory: pytest.TempPathFactory) -> AuditFolders:
    """Audit folders after common first steps, made once per process."""
    return AuditFolders(tmp_path_factory.mktemp("audit-folders"))
