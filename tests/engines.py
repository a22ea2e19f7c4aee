"""Real SPARQL engines for the tests: Oxigraph server and Virtuoso 7, each on a free loopback
port with a throw-away database, started by the tests and stopped after.

An engine that is not installed skips its tests on a developer's machine; under CI (``CI`` set)
it is a failure, because ``.ci/run`` installs both.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {db}
[HTTPServer]
ServerPort = {http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require(program: str) -> str:
    """The path of ``program``; absent, a skip here and a failure under CI."""
    found = shutil.which(program) or shutil.which(program, path=str(Path(sys.executable).parent))
    if found:
        return found
    message = f"{program} is not installed (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 300) -> None:
    """Wait for the engine's first answer; Virtuoso's first start on a loaded machine can take
    minutes (it builds its database), and a process that exits fails at once."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"engine exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, if only to say no
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"engine did not answer {url} in {seconds} s")


@dataclass
class Engine:
    """A running engine: its store URL, the environment tdkt needs for it, and its process."""

    name: str
    url: str
    command: list[str]
    probe: str
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None

    def start(self) -> Engine:
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            _wait_for(self.probe, self.process)
        except BaseException:
            self.kill()  # an engine that never answered is not left running
            raise
        return self

    def kill(self) -> None:
        """Stop at once, as a crash would."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def oxigraph(location: Path) -> Engine:
    program = require("oxigraph")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [program, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    return Engine("oxigraph", url, command, probe=f"{url}/query?query=ASK%7B%7D")


def virtuoso(location: Path) -> Engine:
    program = require("virtuoso-t")
    location.mkdir(parents=True, exist_ok=True)
    http_port = free_port()
    ini = location / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(db=location, sql_port=free_port(), http_port=http_port), "utf-8"
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    command = [program, "+foreground", "+configfile", str(ini)]
    # the throw-away database has Virtuoso's stock administrator; tdkt reads it from the env
    env = {"TDKT_STORE_USER": "dba", "TDKT_STORE_PASSWORD": "dba"}
    return Engine("virtuoso", url, command, probe=f"{url}?query=ASK%7B%7D", env=env)
