"""The audit log's one writer: a row and a JSON line with the same facts, never a secret,
never changed or removed once written."""

import json
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from core import audit
from core.models import AuditEntry


@pytest.fixture
def security_lines(caplog):
    caplog.set_level(logging.INFO, logger="dvsite.security")
    return lambda: [
        json.loads(r.getMessage()) for r in caplog.records if r.name == "dvsite.security"
    ]


def test_record_writes_the_row_and_the_same_json_line(db, editor, security_lines):
    request = RequestFactory().post("/quan-tri/", REMOTE_ADDR="203.0.113.7")
    request.user = editor

    entry = audit.record(
        audit.Action.PUBLISHED, request=request, obj=editor, changes={"status": "x"}
    )

    # (The fixture's group membership is on record too: a role change.)
    stored = AuditEntry.objects.get(action=audit.Action.PUBLISHED)
    assert (stored.actor, stored.actor_name, stored.address) == (editor, "bientap", "203.0.113.7")
    assert stored.object_repr == str(editor) and stored.object_id == str(editor.pk)
    [line] = [line for line in security_lines() if line["action"] == "published"]
    assert line["action"] == "published" and line["user"] == "bientap"
    assert line["address"] == "203.0.113.7" and line["target"] == f"auth.user:{editor.pk}"
    assert line["at"] == entry.at.isoformat()


def test_secrets_never_enter_the_log(db, security_lines):
    audit.record(
        audit.Action.LOGIN_FAILED,
        outcome=audit.Outcome.FAILED,
        username="ai-do",
        changes={
            "password": "hunter2",
            "otp_token": "123456",
            "session_key": "abc",
            "ly_do": "sai",
        },
    )
    assert AuditEntry.objects.get().changes == {"ly_do": "sai"}
    assert "hunter2" not in json.dumps(security_lines()) and "123456" not in json.dumps(
        security_lines()
    )


def test_entries_cannot_be_changed_or_deleted(db):
    entry = audit.record(audit.Action.LOGOUT, username="bientap")
    entry.action = audit.Action.LOGIN
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    assert AuditEntry.objects.get().action == "logout"
