"""Writing output files atomically: staged beside the target, moved into place only when complete.

Every file conflictkit writes (``convert -o``, ``export``, :func:`~conflictkit.tables.write_parquet`,
:func:`~conflictkit.tables.write_csv`, the sinks) goes through this module, so that:

- a file is written to a temporary file in the target's own directory (so on the target's own
  filesystem: it is never copied across mounts) and renamed over the target with
  ``os.replace`` only when it is complete; a failure, a full disk or an interrupt leaves the
  target as it was and no temporary file behind;
- an error while writing is an :class:`OutputError` that names the target, never the temporary
  file, and never the input;
- a directory of tables (one file per record type) is staged in a hidden directory inside the
  target and published file by file once every file is complete; the names of the files published
  are kept in the directory (in :data:`MANIFEST`), so that a later write replaces them, removes
  those it no longer writes (stale tables of an older dataset), and touches nothing else. A
  directory that holds anything an earlier write did not put there is refused unless the caller
  says ``overwrite``; even then only files of the tables' own kind (their suffix) are replaced or
  removed.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as directory:
...     target = Path(directory) / "out.txt"
...     with atomic_file(target) as file:
...         _ = file.write("complete")
...     print(target.read_text(encoding="utf-8"), sorted(p.name for p in Path(directory).iterdir()))
complete ['out.txt']
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from conflictkit.core.errors import ConflictkitError

__all__ = [
    "MANIFEST",
    "OutputError",
    "StagedFile",
    "TableDirectory",
    "atomic_file",
    "output_error",
    "temporary_beside",
]

MANIFEST = ".conflictkit-tables.json"
"""The file in a directory of tables that lists the tables conflictkit wrote there last."""

_PART = ".part"
_STAGING = ".conflictkit-staging-"


class OutputError(ConflictkitError, OSError):
    """An output that cannot be written, or that writing would destroy; it names the target.

    It is an :class:`OSError` (with ``errno``, ``strerror`` and ``filename`` set to the target),
    so code that handles file errors handles it too.

    >>> print(OutputError(21, "is a directory, not a file", "out"))  # 21: EISDIR
    out: is a directory, not a file
    """

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def output_error(target: str | os.PathLike[str], error: OSError) -> OutputError:
    """The :class:`OutputError` for ``error``, met while writing ``target``: the target is named."""
    if isinstance(error, OutputError):
        return error
    reason = error.strerror or str(error) or type(error).__name__
    return OutputError(error.errno or errno.EIO, reason, os.fspath(target))


def refuse_overwriting_input(
    inputs: Iterable[str | os.PathLike[str]], target: str | os.PathLike[str]
) -> None:
    """Raise :class:`OutputError` naming ``target`` if it is one of ``inputs``, under any name.

    A symbolic or hard link to an input is the input; a target that does not exist yet is compared
    by its resolved path.
    """
    for name in inputs:
        try:
            same = os.path.samefile(name, target)
        except OSError:  # one of them does not exist (yet)
            same = os.path.realpath(name) == os.path.realpath(target)
        if same:
            message = f"is the input {os.fspath(name)!r}; choose another output file"
            raise OutputError(errno.EEXIST, message, os.fspath(target))


def temporary_beside(target: str | os.PathLike[str]) -> Path:
    """Create a new, empty, hidden file in ``target``'s directory and return its path.

    The name is ``.<target name>.<random>.part``; the file is created exclusively, with the
    permissions an ordinary new file gets (or, when ``target`` exists, the target's own).
    Raises :class:`OutputError` naming ``target`` when it cannot be created.
    """
    path = Path(target)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
    for _ in range(100):
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}{_PART}")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise output_error(path, exc) from exc
        try:
            if mode is not None:
                os.chmod(descriptor, mode)
        finally:
            os.close(descriptor)
        return temporary
    raise OutputError(errno.EEXIST, "cannot create a temporary file beside it", os.fspath(path))


class _TargetFile(io.FileIO):
    """The raw file under a staged output: every write error names the target."""

    def __init__(self, temporary: Path, target: Path) -> None:
        super().__init__(temporary, "w")
        self.target = target

    def write(self, data: Any) -> int:
        try:
            return super().write(data) or 0
        except OSError as exc:
            raise output_error(self.target, exc) from exc


@contextlib.contextmanager
def atomic_file(
    target: str | os.PathLike[str], *, binary: bool = False, newline: str | None = ""
) -> Iterator[IO[Any]]:
    """Write ``target`` through a temporary file beside it, renamed over it when the block ends cleanly.

    The file is UTF-8 text (``newline`` as for the built-in ``open()``) or, with ``binary``, bytes.
    When the block raises (an error, an interrupt), the temporary file is removed and ``target``
    is left as it was. Errors of writing, flushing or renaming are :class:`OutputError` naming
    ``target``. A ``target`` that is a directory is refused before anything is created.
    """
    staged = StagedFile(target, binary=binary, newline=newline)
    try:
        yield staged.file
    except BaseException:
        staged.discard()
        raise
    staged.commit()


class StagedFile:
    """One output file being written under a temporary name beside ``target``.

    :meth:`commit` moves it into place when it is complete; :meth:`discard` removes it, leaving
    ``target`` as it was. :func:`atomic_file` is the same as a ``with`` block; this class is for
    writers that keep several files open at once, such as :class:`~conflictkit.tables.CsvSink`.
    """

    def __init__(
        self, target: str | os.PathLike[str], *, binary: bool = False, newline: str | None = ""
    ) -> None:
        self.target = Path(target)
        """The file that appears, complete, on :meth:`commit`."""
        if self.target.is_dir():
            raise OutputError(errno.EISDIR, "is a directory, not a file", os.fspath(self.target))
        self.temporary = temporary_beside(self.target)
        """The temporary file written until then, in the target's directory."""
        try:
            self._raw = _TargetFile(self.temporary, self.target)
        except OSError as exc:
            self._remove()
            raise output_error(self.target, exc) from exc
        buffered = io.BufferedWriter(self._raw)
        self.file: IO[Any] = (
            buffered if binary else io.TextIOWrapper(buffered, encoding="utf-8", newline=newline)
        )
        """The open file to write to."""

    def commit(self) -> None:
        """Flush the file to disk and rename it over the target; on any error, :meth:`discard` it."""
        try:
            try:
                self.file.flush()
                os.fsync(self._raw.fileno())
                self.file.close()
                os.replace(self.temporary, self.target)
            except OSError as exc:
                raise output_error(self.target, exc) from exc
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Close and remove the temporary file; the target is left as it was."""
        with contextlib.suppress(OSError, ValueError):
            self.file.close()
        with contextlib.suppress(OSError, ValueError):
            self._raw.close()
        self._remove()

    def _remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temporary)


class TableDirectory:
    """Stage a set of files (one per table) and publish them into ``directory`` together.

    Entering checks the directory and returns a staging directory inside it, in which the caller
    writes the files, under their final names; leaving without an error moves each of them into
    ``directory`` (replacing a file of the same name), removes the files of the same ``suffix`` that
    the previous write there listed in :data:`MANIFEST` and that were not written now (with
    ``overwrite``: every file of that suffix not written now), and records the names written.
    Leaving with an error removes the staging directory, and ``directory`` itself if it was created
    here. Nothing else in ``directory`` is ever touched.

    Refused, with an :class:`OutputError` raised on entry, before anything is written:

    - ``directory`` exists and is not a directory;
    - ``directory`` holds something that the previous write did not put there, unless
      ``overwrite``;
    - one of ``inputs`` (the files being read) is ``directory`` or inside it, unless ``overwrite``
      (and then only the files of ``suffix`` are replaced, which an input must not be).
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        suffix: str,
        *,
        overwrite: bool = False,
        inputs: Iterable[str | os.PathLike[str]] = (),
    ) -> None:
        self.directory = Path(directory)
        """Where the files are published."""
        self.suffix = suffix
        """The suffix of the files of this kind, such as ``.parquet``."""
        self.overwrite = overwrite
        """Whether a directory holding files of other origins may be written into."""
        self.inputs = tuple(inputs)
        """The files being read, which must not be the output or inside it."""
        self._staging: Path | None = None
        self._created = False
        self._previous: set[str] = set()

    def __enter__(self) -> Path:
        self._check()
        try:
            if not self.directory.exists():
                self.directory.mkdir(parents=True)
                self._created = True
            self._staging = Path(_mkdtemp(self.directory))
        except OSError as exc:
            raise output_error(self.directory, exc) from exc
        return self._staging

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        staging = self._staging
        if staging is None:
            raise RuntimeError("TableDirectory.__exit__ without __enter__")
        try:
            if kind is None:
                self._publish(staging)
        except BaseException:
            self._abandon(staging)
            raise
        if kind is None:
            shutil.rmtree(staging, ignore_errors=True)
            return
        self._abandon(staging)
        if isinstance(error, OSError) and error.filename is not None:
            staged = Path(os.fsdecode(error.filename))
            if staged.parent == staging:  # name the file the caller asked for, not its staged copy
                raise OutputError(
                    error.errno or errno.EIO,
                    error.strerror or str(error),
                    os.fspath(self.directory / staged.name),
                ) from error

    def _abandon(self, staging: Path) -> None:
        shutil.rmtree(staging, ignore_errors=True)
        if self._created:
            with contextlib.suppress(OSError):
                self.directory.rmdir()  # only if nothing else appeared in it meanwhile

    def _check(self) -> None:
        directory = self.directory
        if directory.exists() and not directory.is_dir():
            raise OutputError(errno.ENOTDIR, "is a file, not a directory", os.fspath(directory))
        if not self.overwrite:
            resolved = directory.resolve()
            for name in self.inputs:
                path = Path(name).resolve()
                if path == resolved or resolved in path.parents:
                    raise OutputError(
                        errno.EEXIST,
                        f"holds the input {os.fspath(name)!r}; choose another output directory, or give "
                        f"--overwrite to replace only its {self.suffix} files",
                        os.fspath(directory),
                    )
        if not directory.is_dir():
            return
        self._previous = _manifest(directory)
        foreign = sorted(
            entry.name
            for entry in directory.iterdir()
            if entry.name != MANIFEST
            and entry.name not in self._previous
            and not entry.name.startswith(_STAGING)  # left by a run that was killed: ours, not theirs
        )
        if foreign and not self.overwrite:
            shown = ", ".join(repr(name) for name in foreign[:3]) + (" ..." if len(foreign) > 3 else "")
            raise OutputError(
                errno.ENOTEMPTY,
                f"is not empty and holds files conflictkit did not write there ({shown}); choose an "
                f"empty or new directory, or give --overwrite to replace only its {self.suffix} files",
                os.fspath(directory),
            )

    def _publish(self, staging: Path) -> None:
        written = sorted(entry.name for entry in staging.iterdir() if entry.is_file())
        try:
            for name in written:
                os.replace(staging / name, self.directory / name)
            stale = set(self._previous)
            if self.overwrite:
                stale |= {
                    entry.name for entry in self.directory.iterdir() if entry.name.endswith(self.suffix)
                }
            for name in sorted(stale - set(written)):
                path = self.directory / name
                if name.endswith(self.suffix) and path.is_file() and not path.is_symlink():
                    path.unlink()
            kept = {  # files of another kind written earlier stay conflictkit's
                name
                for name in self._previous
                if not name.endswith(self.suffix) and (self.directory / name).exists()
            }
            with atomic_file(self.directory / MANIFEST) as file:
                json.dump({"files": sorted(kept | set(written))}, file)
                file.write("\n")
        except OutputError:
            raise
        except OSError as exc:
            raise output_error(self.directory, exc) from exc


def _mkdtemp(directory: Path) -> str:
    return tempfile.mkdtemp(prefix=_STAGING, dir=directory)


def _manifest(directory: Path) -> set[str]:
    try:
        with open(directory / MANIFEST, encoding="utf-8") as file:
            files = json.load(file).get("files")
    except (OSError, ValueError, AttributeError):
        return set()
    if not isinstance(files, list):
        return set()
    return {name for name in files if isinstance(name, str) and "/" not in name and name not in (".", "..")}
