"""An issue as `--from-issue` reads it: a saved body (Markdown), or the event payload GitHub
Actions writes to `$GITHUB_EVENT_PATH` (JSON with an `issue` object), which also gives the
title, number and date, so a workflow passes the issue without any shell quoting."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

__all__ = ["Issue", "read_issue"]


@dataclass(frozen=True)
class Issue:
    body: str
    title: str | None = None
    number: int | None = None
    opened: dt.date | None = None


def read_issue(text: str) -> Issue:
    """The issue in `text`: an event payload when it is a JSON object with an `issue`, else a
    body as GitHub renders it."""
    if text.lstrip().startswith("{"):
        try:
            payload = json.loads(text)
        except ValueError:
            payload = None
        issue = payload.get("issue") if isinstance(payload, dict) else None
        if isinstance(issue, dict):
            created = str(issue.get("created_at") or "")[:10]
            number = issue.get("number")
            return Issue(
                body=str(issue.get("body") or ""),
                title=str(issue["title"]) if issue.get("title") else None,
                number=number if isinstance(number, int) else None,
                opened=dt.date.fromisoformat(created) if len(created) == 10 else None,
            )
    return Issue(body=text)
