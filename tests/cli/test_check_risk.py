"""``flask check-risk``: the real command, in a fresh process, reading stdin and writing one line per message."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from intake.cli.risk import screen_lines
from intake.domain.risk import check_lines

ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).with_name("flask"))


def run(stdin: bytes, *, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [FLASK, "--app", "wsgi", "check-risk"],
        input=stdin,
        capture_output=True,
        timeout=120,
        env=env or os.environ.copy(),
        cwd=cwd,
    )


def test_each_line_gets_risk_with_its_reason_or_ok_in_utf8():
    lines = [
        "he hits me when hes drunk",
        "the wifi is killing me lol",
        "",
        "ojczym mnie bije",
        "أبوي يضربني كل يوم",
        "thank you for my new room 😀",
        "<b>thanks</b> for sorting my allowance",
    ]
    done = run(("\n".join(lines) + "\n").encode("utf-8"))
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8").split("\n")
    assert out[-1] == "" and len(out) - 1 == len(lines)
    verdicts = [line.split("\t")[0] for line in out[:-1]]
    assert verdicts == ["RISK", "OK", "OK", "RISK", "RISK", "OK", "OK"]
    assert out[0].startswith("RISK\tphysical_abuse: ")


def test_bytes_that_are_not_utf8_are_replaced_not_a_crash():
    done = run(b"he hits me \xff\xfe\n\xc3\n")
    assert done.returncode == 0 and done.stdout.decode().count("\n") == 2
    assert b"Traceback" not in done.stderr


def test_it_needs_no_app_settings_so_staff_can_tune_the_screen_anywhere(tmp_path):
    # Found as a Flask plugin command (pyproject.toml): no app is built, so no database or secret is needed.
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL", "TEST_DATABASE_URL")}
    env["APP_ENV"] = "production"
    done = run(b"im scared to go home tonight\n", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("RISK\t")


def labelled_messages() -> list[str]:
    messages = []
    for path in sorted((ROOT / "data" / "risk").glob("risk_training_*.tsv")):
        with path.open(encoding="utf-8", newline="") as f:
            messages += [row["text"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return messages


def test_long_input_is_shared_between_processes_and_answers_in_the_same_order_as_one_process():
    lines = labelled_messages()[:2600]  # over PARALLEL_FROM, in English, Polish and Arabic
    stdin = ("\n".join(lines) + "\n").encode("utf-8")
    shared = subprocess.run(
        [FLASK, "--app", "wsgi", "check-risk", "--jobs", "2"], input=stdin, capture_output=True, timeout=120, cwd=ROOT
    )
    alone = subprocess.run(
        [FLASK, "--app", "wsgi", "check-risk", "--jobs", "1"], input=stdin, capture_output=True, timeout=120, cwd=ROOT
    )
    assert shared.returncode == alone.returncode == 0, shared.stderr + alone.stderr
    assert shared.stdout.decode("utf-8").count("\n") == len(lines)
    assert shared.stdout == alone.stdout
    assert alone.stdout.decode("utf-8").split("\n")[: len(lines)] == list(check_lines(lines))


def test_screen_lines_keeps_short_input_in_this_process():
    assert list(screen_lines(["he hits me", "thanks for the help"], jobs=4)) == list(
        check_lines(["he hits me", "thanks for the help"])
    )


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_a_screening_process_that_is_killed_loses_no_line(tmp_path):
    lines = (labelled_messages() * 4)[:20_000]
    source = tmp_path / "messages.txt"
    source.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    with source.open("rb") as stdin:
        command = subprocess.Popen(
            [FLASK, "--app", "wsgi", "check-risk", "--jobs", "2"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while not workers and command.poll() is None and time.monotonic() < deadline:
            workers = children_of(command.pid)
            time.sleep(0.01)
        assert workers, "the command never started its screening processes"
        os.kill(workers[0], signal.SIGKILL)
        out, err = command.communicate(timeout=120)
    assert command.returncode == 0, err
    assert out.decode("utf-8").split("\n")[:-1] == list(check_lines(lines))


def test_a_reader_that_stops_early_gets_no_traceback():
    lines = labelled_messages()[:3000]
    done = subprocess.run(
        f"'{FLASK}' --app wsgi check-risk | head -1",
        shell=True,
        capture_output=True,
        timeout=120,
        cwd=ROOT,
        input=("\n".join(lines) + "\n").encode("utf-8"),
    )
    assert done.stdout.decode("utf-8").count("\n") == 1
    assert b"Traceback" not in done.stderr and b"BrokenPipe" not in done.stderr
