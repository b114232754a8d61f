"""The CI snippets work as written: README's GitLab job, the action's steps and the pre-commit hook.

Each runs against a clone of this checkout, installed the way the snippet installs it (pip from a
git URL or a path). Offline: pip gets no index and no dependencies (the test environment has them)
and builds with the setuptools of the test environment; digimandate is pure Python, so nothing is
compiled. .ci/run installs the package as a user would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT

pytestmark = [
    pytest.mark.external,  # pip builds and installs from a git clone: run with -m external
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.xdist_group("snippets"),  # one worker: one clone and one venv for the module
]
PLACEHOLDER = "YOUR-ORG"


def readme_yaml() -> list[Any]:
    """Every YAML block of the README, parsed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def readme_block(key: str) -> Any:
    return next(b for b in readme_yaml() if isinstance(b, dict) and key in b)


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid",
                           "-c", "init.defaultBranch=main", *args], cwd=cwd, capture_output=True, text=True,
                          check=True)
    return done.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository holding the checkout as it is now, in one commit (pip clones git URLs).

    Without the history: cloning this repository's history, as pip clones a git URL, costs seconds twice.
    """
    where = tmp_path_factory.mktemp("snippets") / "digimandate"
    for name in git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (where / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, where / name)
    git("init", "--quiet", cwd=where)
    git("add", "-A", cwd=where)
    git("commit", "--quiet", "-m", "the checkout as it is", cwd=where)
    return where


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose `python`, `pip` and (once installed) `digimandate` are a fresh venv's."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies, pip and setuptools come from the test environment, after the venv's own packages
    paths = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    Path(site, "test-environment.pth").write_text("\n".join(paths) + "\n", encoding="utf-8")
    pip = venv / "bin" / "pip"
    pip.write_text(f'#!/bin/sh\nexec "{venv}/bin/python" -m pip "$@"\n', encoding="utf-8")
    pip.chmod(0o755)
    out = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "GITHUB_ACTIONS")}
    out.update({
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "PIP_NO_INDEX": "1",
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip reads this variable inverted: "0" turns build isolation off
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_QUIET": "1",
        "NO_COLOR": "1",
    })
    return out


def run(line: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def installed_from_venv(env: dict[str, str], cwd: Path) -> None:
    where = run('python -c "import digimandate; print(digimandate.__file__)"', cwd, env).stdout
    venv = Path(env["PATH"].split(os.pathsep)[0]).parent
    assert Path(where.strip()).is_relative_to(venv), where


def organisation_folder(tmp_path: Path, example: str = "mature-municipality.yaml") -> Path:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(EXAMPLES / example, work / "organisation.yaml")
    return work


def test_no_snippet_installs_what_does_not_exist() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install digimandate" not in text
    assert "v0.1.0" not in text and "@v0" not in text


def test_gitlab_job_runs_as_written(clone: Path, env: dict[str, str], tmp_path: Path) -> None:
    job = readme_block("digimandate")["digimandate"]
    variables = dict(job["variables"])
    assert PLACEHOLDER in variables["DIGIMANDATE_SOURCE"]  # marked as the user's to fill in
    variables["DIGIMANDATE_SOURCE"] = f"git+file://{clone}"  # our copy of the repository
    work = organisation_folder(tmp_path)
    for line in job["script"]:
        done = run(line, work, {**env, **variables})
        assert done.returncode == 0, (line, done.stdout, done.stderr)
    installed_from_venv(env, work)
    report = ET.parse(work / job["artifacts"]["reports"]["junit"]).getroot()
    assert report.tag == "testsuites" and report.get("failures") == "0"


def test_action_steps_run_as_written(clone: Path, env: dict[str, str], tmp_path: Path) -> None:
    action = yaml.safe_load((clone / "action.yml").read_text(encoding="utf-8"))
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    snippet = readme_block("steps")["steps"]
    ours = next(step for step in snippet if "digimandate" in step.get("uses", ""))
    assert ours["uses"].startswith(f"{PLACEHOLDER}/")
    assert set(ours["with"]) <= set(inputs)
    inputs.update({k: str(v) for k, v in ours["with"].items()})

    def expand(value: str) -> str:
        return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], value)

    work = organisation_folder(tmp_path)
    outputs = []
    for step in action["runs"]["steps"]:
        if "run" not in step:  # setup-python and the SARIF upload are GitHub's own actions
            continue
        assert step["shell"] == "bash"
        step_env = {**env, "GITHUB_ACTION_PATH": str(clone),
                    **{k: expand(str(v)) for k, v in step.get("env", {}).items()}}
        done = run(expand(step["run"]), work, step_env)
        assert done.returncode == 0, (step.get("name"), done.stdout, done.stderr)
        outputs.append(done.stdout)
    installed_from_venv(env, work)
    assert outputs[-1].splitlines()[-1].startswith("::notice title=digimandate::Gemeente Lingewaard-Noord")
    assert (work / inputs["sarif"]).read_text(encoding="utf-8").startswith("{")


def test_precommit_hook_runs_as_written(clone: Path, env: dict[str, str], tmp_path: Path) -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((clone / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    config = readme_block("repos")["repos"][0]
    assert PLACEHOLDER in config["repo"]
    assert [h["id"] for h in config["hooks"]] == ["digimandate"]
    hook = hooks["digimandate"]
    # pre-commit installs a `language: python` hook with pip from the repository: the same install
    assert hook["language"] == "python"
    if run("python -c 'import digimandate'", tmp_path, env).returncode != 0:  # not installed by a test before
        install = run(f'pip install "{clone}"', tmp_path, env)
        assert install.returncode == 0, install.stderr

    repo = tmp_path / "repo"
    (repo / "noord").mkdir(parents=True)
    shutil.copy(EXAMPLES / "mature-municipality.yaml", repo / "organisation.yaml")
    shutil.copy(EXAMPLES / "mature-municipality.yaml", repo / "noord" / "organisatie-noord.yml")
    shutil.copy(EXAMPLES / "small-municipality.yaml", repo / "notes.yaml")  # not an organisation by name
    (repo / "organisation.json").write_text("{}", encoding="utf-8")
    git("init", "--quiet", cwd=repo)
    git("add", "-A", cwd=repo)

    def selected() -> list[str]:
        pattern = re.compile(hook["files"])
        names = git("ls-files", cwd=repo).split()
        assert hook["types"] == ["yaml"]
        return [n for n in names if pattern.search(n) and n.endswith((".yaml", ".yml"))]

    assert selected() == ["noord/organisatie-noord.yml", "organisation.yaml"]
    done = run(" ".join([hook["entry"], *selected()]), repo, env)
    assert done.returncode == 0, done.stdout + done.stderr
    installed_from_venv(env, repo)

    shutil.copy(EXAMPLES / "small-municipality.yaml", repo / "noord" / "organisatie-noord.yml")
    done = run(" ".join([hook["entry"], *selected()]), repo, env)
    assert done.returncode == 1  # the hook stops the commit
    assert "noord/organisatie-noord.yml:67:57: [hoog]" in done.stdout
