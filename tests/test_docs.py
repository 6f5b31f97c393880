"""What the README and the docs tell a newcomer to run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PAGES = sorted([ROOT / "README.md", ROOT / "CHANGELOG.md", *(ROOT / "docs").glob("*.md")])
SOURCES = sorted((ROOT / "src" / "conflictkit").rglob("*.py"))

# conflictkit is not published on the Python Package Index: "pip install conflictkit" (with or
# without an extra) fails there, so no page may suggest it.
FROM_THE_INDEX = re.compile(r"pip install\s+[\"']?conflictkit\b")


@pytest.mark.parametrize("path", PAGES + SOURCES, ids=lambda path: path.name)
def test_no_page_installs_from_the_package_index(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not FROM_THE_INDEX.search(text)


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_getting_started_installs_with_the_readme_commands() -> None:
    commands = readme_commands()
    assert any("pip install ." in command for command in commands)
    guide = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    install = guide.split("## Install", 1)[1].split("\n## ", 1)[0]
    for command in commands:
        assert f"$ {command}\n" in install


def test_the_readme_shows_what_the_first_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    from conflictkit.cli.command import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0]
    main([])
    printed = capsys.readouterr().out.splitlines()
    # Every line the README shows is printed, in order; "..." stands for the lines it leaves out.
    lines = iter(printed)
    for line in shown.splitlines():
        if line.strip() in ("", "..."):
            continue
        assert any(candidate == line for candidate in lines), line
