"""The parts of the annual report a person writes: what was learnt, what changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, UtcDateTime, utcnow

# The written sections of the annual report, in the order they are printed. With the figures, they make the
# LGSCO Complaint Handling Code 8.1 report: the self-assessment, a summary of refused complaints, findings of
# non-compliance, service improvements, and the Ombudsman's annual letter and other reports.
NARRATIVE_SECTIONS: tuple[str, ...] = (
    "learning",
    "service_improvements",
    "self_assessment",
    "refused_summary",
    "non_compliance",
    "ombudsman_letter",
    "ombudsman_reports",
)


class ReportNarrative(Base):
    """One written section of one reporting year's report (``year`` 2016 means 2016/17)."""

    __tablename__ = "report_narrative"
    __table_args__ = (UniqueConstraint("year", "section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column()
    section: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(320))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    def __repr__(self) -> str:
        return f"<ReportNarrative {self.year} {self.section}>"
