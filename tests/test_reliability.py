"""Interrupted runs, resume, in-place, and a full disk: no partial output, nothing lost."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclean.cli import app
from newsclean.config import CleanConfig
from newsclean.io import writers
from newsclean.runner import RunOptions, UsageError, run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _tree(root: Path, n: int) -> Path:
    seeds = sorted(EXAMPLES.glob("*.txt"))
    for i in range(n):
        path = root / f"part{i % 4}" / f"doc{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(seeds[i % len(seeds)].read_bytes())
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


#: The CLI with a reader that pauses 20 ms per document, so that a signal sent after the first
#: outputs appear lands mid-run however fast the filters get (the timing is the test's, not
#: the code under test's).
_SLOW_CLI = """
import sys, time
import newsclean.runner as runner
read = runner.read_documents
def slow(*args, **kwargs):
    for item in read(*args, **kwargs):
        time.sleep(0.02)
        yield item
runner.read_documents = slow
from newsclean.cli import main
sys.argv[0] = "newsclean"
main()
"""


def _start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", _SLOW_CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_outputs(out: Path, count: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and sum(1 for p in out.rglob("*.txt")) >= count:
            return
        time.sleep(0.02)


def test_killed_run_resumes_to_identical_output(tmp_path: Path) -> None:
    src = _tree(tmp_path / "in", 150)
    reference = tmp_path / "ref"
    assert run(RunOptions(inputs=(str(src),), output=str(reference)), CleanConfig()).errors == 0

    out = tmp_path / "out"
    proc = _start("clean", str(src), "-o", str(out), "-j", "1", "-q")
    _wait_for_outputs(out, 20, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = _files(out)
    assert 0 < len([k for k in done if not k.split("/")[-1].startswith(".")]) < 150, (
        "the kill came too late or too early"
    )
    # what was written before the kill is complete and correct
    ref = _files(reference)
    assert all(ref[name] == data for name, data in done.items() if not name.split("/")[-1].startswith("."))

    resumed = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", str(src), "-o", str(out), "--resume", "-q"], capture_output=True
    )
    assert resumed.returncode == 0, resumed.stderr
    assert _files(out) == ref  # byte-identical, and no temporary file left behind


def test_sigint_stops_cleanly(tmp_path: Path) -> None:
    src = _tree(tmp_path / "in", 400)
    out = tmp_path / "out"
    proc = _start("clean", str(src), "-o", str(out), "-j", "2")
    _wait_for_outputs(out, 10, proc)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert not [p for p in out.rglob(".*.tmp")]


def test_resume_skips_complete_outputs(tmp_path: Path) -> None:
    src = _tree(tmp_path / "in", 6)
    out = tmp_path / "out"
    run(RunOptions(inputs=(str(src),), output=str(out)), CleanConfig())
    (out / "part1" / "doc0001.txt").unlink()
    summary = run(RunOptions(inputs=(str(src),), output=str(out), resume=True), CleanConfig())
    assert summary.resumed == 5 and summary.files == 1
    single = tmp_path / "all.jsonl"
    run(RunOptions(inputs=(str(src),), output=str(single), fmt="jsonl"), CleanConfig())
    before = single.read_bytes()
    again = run(RunOptions(inputs=(str(src),), output=str(single), fmt="jsonl", resume=True), CleanConfig())
    assert again.resumed == 6 and again.docs == 0 and single.read_bytes() == before
    with pytest.raises(UsageError):
        run(RunOptions(inputs=(str(src),), resume=True), CleanConfig())


def test_in_place_replaces_inputs_and_nothing_else_writes_them(tmp_path: Path) -> None:
    src = _tree(tmp_path / "in", 3)
    before = _files(src)
    run(RunOptions(inputs=(str(src),), output=str(tmp_path / "out")), CleanConfig())
    assert _files(src) == before  # a normal run never touches its inputs
    result = CliRunner().invoke(app, ["clean", "--in-place", str(src)])
    assert result.exit_code == 0, result.output
    after = _files(src)
    assert after.keys() == before.keys() and all(after[k] != before[k] for k in before)
    assert after == _files(tmp_path / "out")
    assert CliRunner().invoke(app, ["clean", "--in-place", str(src), "-o", str(tmp_path / "x")]).exit_code == 2
    assert CliRunner().invoke(app, ["clean", "--in-place", "--format", "jsonl", str(src)]).exit_code == 2


def test_disk_full_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _tree(tmp_path / "in", 5)
    real_write = writers.AtomicFile.write
    written = {"n": 0}

    def write(self: writers.AtomicFile, data: bytes) -> None:
        written["n"] += 1
        if written["n"] > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(self, data)

    monkeypatch.setattr(writers.AtomicFile, "write", write)
    out = tmp_path / "all.jsonl"
    result = CliRunner().invoke(app, ["clean", "-j", "1", str(src), "-o", str(out), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert list(tmp_path.glob("*.jsonl")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_ctrl_c_inside_a_file_step_is_delivered_after_it() -> None:
    # A temporary file is created and recorded as one step: Ctrl-C in between waits for the end
    # of the step (which would otherwise leave the file behind), then interrupts as usual.
    done: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        with writers.interrupts_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # the signal has arrived, and is held
            done.append("step finished")
    assert done == ["step finished"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
