"""The Frog adapter: the only module that knows Frog.

One long-lived `frog -S PORT` process per worker. Frog is GPL software, so kroniek talks to it
as a separate program over a local socket and never links it. A request is the text followed
by a line `EOT`; Frog answers with tab-separated rows and a line `READY`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from kroniek.adapters.frog_output import parse_output, to_sentences
from kroniek.adapters.lifetime import die_with_parent
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
# Frog spreads its modules over OpenMP threads. Measured on the example corpus: one Frog with
# its default threads kept 1.4 cores busy for 650 words/s, one with a single thread 1 core for
# 598 words/s, two single-thread Frogs 1,273 words/s, and threaded Frogs next to other work
# lost most of their speed. kroniek runs a worker per core, so each Frog gets one thread.
DEFAULT_THREADS = 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# A request is one Frog document, held whole in Frog's memory: a paragraph longer than this is
# cut at sentence ends, so a 50,000-word document on one line costs no more than a short one.
MAX_BLOCK_WORDS = 400
_SENTENCE_END = re.compile(r"""[.!?]["'»”’)]*\s+(?=["'«“‘(]?[A-Z0-9À-Þ])""")


def blocks_of(article: Article, max_words: int = MAX_BLOCK_WORDS) -> list[Span]:
    """The codable text cut at line breaks: Frog does not end a sentence at a single newline,
    but a headline or a caption is a sentence of its own. Long paragraphs are cut further."""
    blocks: list[Span] = []
    for region in article.codable_spans():
        pos = region.start
        for line in article.text[region.start : region.end].split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            stripped = line.strip()
            if stripped and stripped != "EOT":  # a bare EOT line would end the request early
                blocks.extend(split_long(article.text, Span(start, end), max_words))
    return blocks


def split_long(text: str, span: Span, max_words: int) -> list[Span]:
    """A paragraph as pieces of at most `max_words` words, cut after a sentence end where one
    lies in reach, else at a space (one sentence that long is not parsed anyway)."""
    pieces: list[Span] = []
    start = span.start
    while True:
        words = list(re.finditer(r"\S+", text[start : span.end]))
        if len(words) <= max_words:
            pieces.append(Span(start, span.end))
            return pieces
        limit = start + words[max_words].start()
        ends = [m.end() for m in _SENTENCE_END.finditer(text, start, limit)]
        cut = ends[-1] if ends and ends[-1] > start else limit
        pieces.append(Span(start, cut))
        start = cut


def process_tree(pid: int) -> list[int]:
    """A process and its descendants (Linux /proc; only the process itself elsewhere)."""
    found = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    for child in children:
        found.extend(process_tree(int(child)))
    return found


def memory_kb(pid: int, field: str) -> int:
    """A memory figure from /proc/PID/status (VmRSS, VmHWM), 0 when not available."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


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
        threads: int | None = DEFAULT_THREADS,
    ) -> None:
        self.executable = executable
        self.skip = skip
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.max_parser_tokens = max_parser_tokens
        self.threads = threads  # None: Frog's own default
        self._process: subprocess.Popen[bytes] | None = None
        self._socket: socket.socket | None = None
        self._workdir: tempfile.TemporaryDirectory[str] | None = None
        self._port = 0
        self.restarts = 0

    @property
    def parses(self) -> bool:
        return "p" not in self.skip

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def processes(self) -> list[int]:
        """Frog's pid and those of its children: the server forks one per connection."""
        if self._process is None:
            return []
        return process_tree(self._process.pid)

    def peak_rss(self) -> int:
        """The highest resident memory, in bytes, any of Frog's processes has reached."""
        return max((memory_kb(pid, "VmHWM") * 1024 for pid in self.processes()), default=0)

    def start(self) -> None:
        self.spawn()
        self.connect()

    def spawn(self) -> None:
        """Start the Frog process without waiting for it, so two can load their models at
        the same time."""
        if self._socket is not None or self._process is not None:
            return
        program = shutil.which(self.executable)
        if program is None:
            raise BackendMissing(MISSING_MESSAGE)
        self._port = _free_port()
        # Frog writes debug files into its working directory; keep them out of the user's.
        self._workdir = tempfile.TemporaryDirectory(prefix="kroniek-frog-")
        log = open(Path(self._workdir.name) / "frog.log", "wb")  # noqa: SIM115 - lives with the process
        command = [program, "-S", str(self._port), f"--max-parser-tokens={self.max_parser_tokens}"]
        if self.skip:
            command.append(f"--skip={self.skip}")
        env = dict(os.environ)
        if self.threads is not None:
            env["OMP_NUM_THREADS"] = str(self.threads)
        self._process = subprocess.Popen(
            command, cwd=self._workdir.name, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            start_new_session=True, preexec_fn=die_with_parent, env=env,
        )
        log.close()

    def connect(self) -> None:
        """Wait until the spawned Frog accepts a connection."""
        if self._socket is not None:
            return
        if self._process is None:
            self.spawn()
        assert self._process is not None
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                tail = self._log_tail()
                self._process = None
                self._cleanup()
                raise BackendError(f"Frog exited while starting: {tail}")
            try:
                self._socket = socket.create_connection(("127.0.0.1", self._port), timeout=1.0)
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
            sentences.extend(self.analyse_span(article, block, len(sentences)))
        return tuple(sentences)

    def analyse_span(self, article: Article, span: Span, first_index: int) -> list[Sentence]:
        """The sentences of one stretch of the article, numbered from `first_index`."""
        rows = parse_output(self.request(article.text[span.start : span.end]))
        return to_sentences(rows, article.text, span, first_index, article.caption, self.parses)

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


# The first pass: tokens, lemmas, POS and NER. Multi-word units only serve the parser, and the
# tags of their parts are the same without them.
TAGGER_SKIP = "acmp"
# The second pass leaves out NER as well: the first pass found the entities already, and the
# parse is the same without them (checked on every sentence of both gold corpora). NER is about
# a third of the parsing Frog's cost.
PARSER_SKIP = "acn"
SentenceFilter = Callable[[Sentence], bool]
_DONE = None  # ends the queue of tagged sentences


class SelectiveFrogBackend:
    """Two Frog processes: a tagger for every sentence, a parser for the sentences `select`
    accepts (see kroniek/selection.py). Sentences not parsed keep `parsed=False`.

    A sentence is sent to the parser on its own. Frog tags, finds entities and parses within
    a sentence, so the result is what a parse of the whole paragraph gives it (checked on the
    gold corpora: the evaluation figures are equal with selection on and off).

    The two Frogs work at the same time: a thread tags the article paragraph by paragraph
    while the caller parses the sentences already tagged, so the tagger's cost hides behind
    the parser's where a second core is free.
    """

    name = "frog"

    def __init__(
        self,
        select: SentenceFilter,
        executable: str = "frog",
        timeout: float = 300.0,
        startup_timeout: float = 180.0,
        max_parser_tokens: int = DEFAULT_MAX_PARSER_TOKENS,
    ) -> None:
        self.select = select
        self.tagger = FrogBackend(executable, TAGGER_SKIP, timeout, startup_timeout,
                                  max_parser_tokens)
        self.parser = FrogBackend(executable, PARSER_SKIP, timeout, startup_timeout,
                                  max_parser_tokens)
        self.sentences = 0  # seen and parsed, for the benchmark
        self.parsed = 0

    @property
    def pids(self) -> tuple[int | None, int | None]:
        return self.tagger.pid, self.parser.pid

    @property
    def restarts(self) -> int:
        return self.tagger.restarts + self.parser.restarts

    def start(self) -> None:
        self.tagger.spawn()
        self.parser.spawn()
        self.tagger.connect()
        self.parser.connect()

    def analyse(self, article: Article) -> tuple[Sentence, ...]:
        try:
            return self._analyse(article)
        except BackendError:
            return self._analyse(article)

    def _analyse(self, article: Article) -> tuple[Sentence, ...]:
        self.start()
        tagged: queue.Queue[Sentence | Exception | None] = queue.Queue()
        tagging = threading.Thread(target=self._tag, args=(article, tagged), daemon=True)
        tagging.start()
        out: list[Sentence] = []
        try:
            while (item := tagged.get()) is not _DONE:
                if isinstance(item, Exception):
                    raise item  # the tagger's failure, in the caller's thread
                out.append(self._parse(article, item) if self.select(item) else item)
        finally:
            tagging.join()
        self.sentences += len(out)
        self.parsed += sum(s.parsed for s in out)
        return tuple(out)

    def _tag(self, article: Article, into: queue.Queue[Sentence | Exception | None]) -> None:
        count = 0
        try:
            for block in blocks_of(article):
                for sentence in self.tagger.analyse_span(article, block, count):
                    into.put(sentence)
                    count += 1
        except Exception as exc:  # handed to the caller, who raises it
            into.put(exc)
        finally:
            into.put(_DONE)

    def _parse(self, article: Article, tagged: Sentence) -> Sentence:
        found = self.parser.analyse_span(article, Span(tagged.start, tagged.end), tagged.index)
        if not found:
            return tagged
        parsed = found[0] if len(found) == 1 else join_sentences(found, tagged.index,
                                                                 article.text)
        return with_entities(parsed, tagged)

    def close(self) -> None:
        try:
            self.tagger.close()
        finally:
            self.parser.close()

    def __enter__(self) -> SelectiveFrogBackend:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def with_entities(parsed: Sentence, tagged: Sentence) -> Sentence:
    """The parse with the entity tags the tagger gave the same characters."""
    entities = {(t.start, t.end): t.ner for t in tagged.tokens}
    return dataclasses.replace(parsed, tokens=tuple(
        dataclasses.replace(t, ner=entities.get((t.start, t.end), t.ner)) for t in parsed.tokens
    ))


def join_sentences(parts: list[Sentence], index: int, text: str) -> Sentence:
    """One sentence from the pieces Frog made of it when it saw it alone (the tagger, seeing
    its paragraph, did not split it): the pieces' roots stay roots."""
    tokens = []
    for part in parts:
        shift = len(tokens)
        tokens.extend(
            dataclasses.replace(t, index=t.index + shift,
                                head=None if t.head is None else t.head + shift)
            for t in part.tokens
        )
    first, last = parts[0], parts[-1]
    return Sentence(
        index=index, start=first.start, end=last.end, text=text[first.start : last.end],
        tokens=tuple(tokens),
        is_caption=first.is_caption, parsed=any(p.parsed for p in parts),
    )
