"""``check-risk``: run the safeguarding screen over lines of text, for testing and tuning it."""

from __future__ import annotations

import io
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import click

from intake.domain.risk import check_lines, screen

# Long input is shared out, in chunks and in order, to one process per CPU: a file of 10,000 messages
# otherwise keeps one core busy for a second and leaves the others idle. The processes are forked after
# the screen's patterns are compiled (the Arabic ones too, when the input has any non-ASCII line), so they
# start at once and none compiles them again. Short input is not worth the forks.
PARALLEL_FROM = 2_000
CHUNK = 500


@click.command("check-risk")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to screen long input with (default: one per CPU).",
)
def check_risk(jobs: int | None) -> None:
    """Read messages from stdin, one per line; print RISK or OK for each, with a tab and the reason."""
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    if stdin.isatty():  # someone typing: answer each line as it is entered
        results = check_lines(line.rstrip("\n") for line in stdin)
    else:
        results = screen_lines([line.rstrip("\n") for line in stdin], jobs or _cpus())
    try:
        for result in results:
            sys.stdout.write(result + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): nothing more to say, and no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def screen_lines(lines: list[str], jobs: int) -> Iterator[str]:
    """``check_lines`` over ``lines``, in order, shared between up to ``jobs`` processes when there are many.

    If a process dies (killed, or out of memory), the chunks not yet answered are screened here
    instead: every line still gets its answer, in order.
    """
    if jobs < 2 or len(lines) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield from check_lines(lines)
        return
    first_non_ascii = next((line for line in lines if not line.isascii()), None)
    if first_non_ascii is not None:
        screen(first_non_ascii, explain=False)  # compiles the Arabic patterns here, once, before the forks
    chunks = [lines[start : start + CHUNK] for start in range(0, len(lines), CHUNK)]
    done = 0
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=context) as pool:
        try:
            for results in pool.map(_check_chunk, chunks):
                yield from results
                done += 1
        except BrokenProcessPool:  # a process died: the chunks it left are screened below, here
            pass
    for chunk in chunks[done:]:
        yield from check_lines(chunk)


def _check_chunk(lines: list[str]) -> list[str]:
    return list(check_lines(lines))


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use, where the system says
    except AttributeError:
        return os.cpu_count() or 1


commands = [check_risk]
