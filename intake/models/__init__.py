"""Every model, imported so ``Base.metadata`` is complete for migrations and create_all."""

from intake.models.adjustment import AdjustmentKind, ReasonableAdjustment
from intake.models.attachment import Attachment
from intake.models.audit import AuditEvent
from intake.models.base import Base
from intake.models.casenote import CaseNote
from intake.models.conversation import Conversation, Message, SmsContact
from intake.models.draft import FormDraft
from intake.models.enums import (
    AlertLevel,
    Channel,
    ChildAgreement,
    ContactMethod,
    Kind,
    LgoResult,
    Outcome,
    Procedure,
    Status,
    SubmittedBy,
)
from intake.models.letter import Letter, LetterMethod, LetterRecipient
from intake.models.mailbox import MailboxMessage
from intake.models.notification import Notification, NotificationChannel, NotificationStatus
from intake.models.procedure import (
    CasePause,
    CaseRefusal,
    ComplaintPoint,
    InvestigatorRole,
    LateComplaintDecision,
    PanelMember,
    PanelRecommendation,
    PauseReason,
    PointOutcome,
    StageInvestigator,
)
from intake.models.remedies import (
    ActionStatus,
    CaseResolution,
    CompensationPayment,
    LearningAction,
    LearningPoint,
    OmbudsmanReferral,
)
from intake.models.report_text import ReportNarrative
from intake.models.representation import Representation, RepresentationCategory, Stage
from intake.models.safeguarding import SafeguardingAlert
from intake.models.staff import Role, StaffUser, TotpCodeUse
from intake.models.team import Team
from intake.models.throttle import RateLimitWindow, SignInFailure

__all__ = [
    "AdjustmentKind",
    "ReasonableAdjustment",
    "ActionStatus",
    "CasePause",
    "CaseRefusal",
    "CaseResolution",
    "CompensationPayment",
    "ComplaintPoint",
    "InvestigatorRole",
    "LateComplaintDecision",
    "LearningAction",
    "LearningPoint",
    "OmbudsmanReferral",
    "PanelMember",
    "PanelRecommendation",
    "PauseReason",
    "PointOutcome",
    "StageInvestigator",
    "Attachment",
    "AuditEvent",
    "Base",
    "CaseNote",
    "Channel",
    "ChildAgreement",
    "AlertLevel",
    "ContactMethod",
    "Conversation",
    "FormDraft",
    "Kind",
    "Letter",
    "LetterMethod",
    "LetterRecipient",
    "LgoResult",
    "MailboxMessage",
    "Message",
    "Notification",
    "NotificationChannel",
    "NotificationStatus",
    "Outcome",
    "Procedure",
    "RateLimitWindow",
    "ReportNarrative",
    "Representation",
    "RepresentationCategory",
    "Role",
    "SafeguardingAlert",
    "SignInFailure",
    "SmsContact",
    "Stage",
    "StaffUser",
    "Status",
    "SubmittedBy",
    "Team",
    "TotpCodeUse",
]
