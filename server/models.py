"""Database models: an anonymous assessment, stored only with the person's consent."""
from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db


def _now() -> datetime:
    return datetime.now(UTC)


class Assessment(db.Model):
    """One consented checklist result. The id is a UUID made by the client, so a retried sync is idempotent.

    Holds no IP address, name or free text: answers are question ids mapped to allowed values only.
    """

    __tablename__ = "assessment"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    answers: Mapped[dict] = mapped_column(JSON, nullable=False)
    level: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    reasons: Mapped[list] = mapped_column(JSON, nullable=False)
    lang: Mapped[str] = mapped_column(String(5), nullable=False)
    rules_version: Mapped[str] = mapped_column(String(16), nullable=False)
    offline: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=_now)
