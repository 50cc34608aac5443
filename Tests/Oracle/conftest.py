"""Pytest fixtures for the LiteRT oracle tests: the binary under test, a temp dir, CLI and LiteRT runners.

The tests drive the release binary (`EDGEWISE_BIN`, else `.build/release/edgewise`) and compare
it with LiteRT (`ai-edge-litert`) on the same inputs.
"""

import os
import pathlib
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from oracle import REPO, run_litert  # noqa: E402


def binary_path():
    """The release binary under test: $EDGEWISE_BIN, else .build/release/edgewise."""
    return pathlib.Path(os.environ.get("EDGEWISE_BIN", REPO / ".build" / "release" / "edgewise"))


def pytest_sessionstart(session):
    """Stop with one clear message (not one error per test) when there is no binary to test."""
    if not binary_path().is_file():
        pytest.exit(f"edgewise binary not found at {binary_path()}: run `swift build -c release` "
                    "or set EDGEWISE_BIN", returncode=1)


@pytest.fixture(scope="session")
def edgewise_bin():
    """Path of the release binary under test."""
    return binary_path()


@pytest.fixture
def workdir(tmp_path):
    """A fresh temporary folder for one test."""
    return tmp_path


@pytest.fixture(scope="session")
def edgewise(edgewise_bin):
    """Run the CLI: `edgewise(*args)` → CompletedProcess with text stdout/stderr (never raises on exit code)."""

    def run(*args, timeout=300):
        return subprocess.run([str(edgewise_bin), *map(str, args)], capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)

    return run


@pytest.fixture(scope="session")
def litert():
    """`litert(model, inputs, reference=False)`: see run_litert."""
    return run_litert
