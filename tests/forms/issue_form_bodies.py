"""Issue bodies made from the project's real form files, the way GitHub renders a submission
(a uniquely named module: tests have no packages)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def render_issue_body(form_file: Path, answers: dict[str, object]) -> str:
    """What GitHub writes into an issue submitted with `form_file`.

    Each question as `### <label>`, a blank line and the answer; `_No response_` when empty; a
    dropdown as the option's text; checkboxes as `- [X] <label>` / `- [ ] <label>` (`answers`
    gives the ticked labels as a list, or True for all). Markdown blocks print nothing.
    """
    form = yaml.safe_load(form_file.read_text(encoding="utf-8"))
    sections = []
    for item in form["body"]:
        if item["type"] == "markdown":
            continue
        attributes = item["attributes"]
        value = answers.get(item["id"])
        if item["type"] == "checkboxes":
            labels = [o["label"] for o in attributes["options"]]
            ticked = labels if value is True else list(value or [])
            text = "\n".join(f"- [{'X' if label in ticked else ' '}] {label}" for label in labels)
        else:
            if item["type"] == "dropdown" and isinstance(value, int):
                value = attributes["options"][value]
            text = str(value) if value else "_No response_"
        sections.append(f"### {attributes['label']}\n\n{text}")
    return "\n\n".join(sections)
