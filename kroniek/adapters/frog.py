"""The Frog adapter: the only module that knows Frog.

One long-lived `frog -S PORT` process per worker. Frog is GPL software, so kroniek talks to it
as a separate program over a local socket and never links it. A request is the text followed
by a line `EOT`; Frog answers with tab-separated rows and a line `READY`.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from kroniek.adapters.frog_output import parse_output, to_sentences
from kroniek.errors import BackendError, BackendMissing
from kroniek.model import Article, Sentence, Span

MISSING_MESSAGE = (
    "Frog is not installed. Install the Debian packages: apt-get install frog frogdata"
)
# Morphology (a) and the chunker (c) feed nothing kroniek uses; skipping them saves time and
# memory (see FROG_NOTES.md).
DEFAULT_SKIP = "ac"
# Frog's parser memory explodes on very long sentences; longer ones are tagged, not parsed.
DEFAULT_MAX_PARSER_TOKENS = 150


def _die_with_parent() -> None:
    """Runs in the Frog child before exec: Linux kills Frog when kroniek dies, even by SIGKILL,
    so no 2 GB Frog outlives the run that started it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: close() still stops Frog on every ordinary exit


PR_SET_PDEATHSIG = 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def blocks_of(article: Article) -> list[Span]:
    """The codable text cut at line breaks: Frog does not end a sentence at a single newline,
    but a headline or a caption is a sentence of its own."""
    blocks: list[Span] = []
    for region in article.codable_spans():
        pos = region.start
        for line in article.text[region.start : region.end].split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            stripped = line.strip()
            if stripped and stripped != "EOT":  # a bare EOT line would end the request early
                blocks.append(Span(start, end))
    return blocks


class FrogBackend:
    """An NlpBackend on a Frog server process, restarted after a crash or time-out."""

    name = "frog"

    def __init__(
        self,
        executable: str = "frog",
        skip: str = DEFAULT_SKIP,
        timeout: float = 300.0,
        startup_timeout: float = 180.0,
        max_parser_tokens: int = DEFAULT_MAX_PARSER_TOKENS,
    ) -> None:
        self.executable = executable
        self.skip = skip
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.max_parser_tokens = max_parser_tokens
        self._process: subprocess.Popen[bytes] | None = None
        self._socket: socket.socket | None = None
        self._workdir: tempfile.TemporaryDirectory[str] | None = None
        self.restarts = 0

    @property
    def parses(self) -> bool:
        return "p" not in self.skip

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> None:
        if self._socket is not None:
            return
        program = shutil.which(self.executable)
        if program is None:
            raise BackendMissing(MISSING_MESSAGE)
        port = _free_port()
        # Frog writes debug files into its working directory; keep them out of the user's.
        self._workdir = tempfile.TemporaryDirectory(prefix="kroniek-frog-")
        log = open(Path(self._workdir.name) / "frog.log", "wb")  # noqa: SIM115 - lives with the process
        command = [program, "-S", str(port), f"--max-parser-tokens={self.max_parser_tokens}"]
        if self.skip:
            command.append(f"--skip={self.skip}")
        self._process = subprocess.Popen(
            command, cwd=self._workdir.name, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            start_new_session=True, preexec_fn=_die_with_parent,
        )
        log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                tail = self._log_tail()
                self._cleanup()
                raise BackendError(f"Frog exited while starting: {tail}")
            try:
                self._socket = socket.create_connection(("127.0.0.1", port), timeout=1.0)
                return
            except OSError:
                time.sleep(0.2)
        self.close()
        raise BackendError(f"Frog did not start within {self.startup_timeout:.0f} s")

    def _log_tail(self) -> str:
        if self._workdir is None:
            return ""
        try:
            lines = (Path(self._workdir.name) / "frog.log").read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return " | ".join(line for line in lines[-3:] if line.strip())

    def request(self, text: str) -> str:
        """Send one text and return Frog's raw answer. Raises BackendError after killing a
        Frog that crashed or did not answer in time, so the next request starts a fresh one."""
        self.start()
        assert self._socket is not None
        payload = text.replace("\r", " ") + "\nEOT\n"
        deadline = time.monotonic() + self.timeout
        received = bytearray()
        try:
            self._socket.settimeout(self.timeout)
            self._socket.sendall(payload.encode("utf-8"))
            while not received.endswith(b"READY\n\n") and not received.endswith(b"READY\n"):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                self._socket.settimeout(remaining)
                chunk = self._socket.recv(1 << 16)
                if not chunk:
                    raise ConnectionError("Frog closed the connection")
                received += chunk
        except TimeoutError:
            self._restart_later()
            raise BackendError(f"Frog did not answer within {self.timeout:.0f} s") from None
        except OSError as exc:
            tail = self._log_tail()
            self._restart_later()
            raise BackendError(f"Frog failed ({exc}); {tail}") from None
        return received.decode("utf-8", errors="replace")

    def analyse(self, article: Article) -> tuple[Sentence, ...]:
        """Analyse the article; after a crash or time-out Frog is restarted and the article
        tried once more, so one bad moment of Frog does not cost an article."""
        try:
            return self._analyse(article)
        except BackendError:
            return self._analyse(article)

    def _analyse(self, article: Article) -> tuple[Sentence, ...]:
        # One request per block: Frog does not end a sentence at a line break, not even at a
        # blank line, so a headline would otherwise run into the next paragraph.
        sentences: list[Sentence] = []
        for block in blocks_of(article):
            rows = parse_output(self.request(article.text[block.start : block.end]))
            sentences.extend(
                to_sentences(rows, article.text, block, len(sentences), article.caption,
                             self.parses)
            )
        return tuple(sentences)

    def _restart_later(self) -> None:
        self.restarts += 1
        self.close()

    def _cleanup(self) -> None:
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None

    def close(self) -> None:
        if self._socket is not None:
            try:
                self._socket.close()
            finally:
                self._socket = None
        if self._process is not None:
            if self._process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
            self._process = None
        self._cleanup()

    def __enter__(self) -> FrogBackend:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
