"""SQLAlchemy tables. Alembic migrations in ``store/migrations`` create them; keep both in step."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Base class of every table."""


class Conversation(Base):
    """A conversation the bot is in (personal chat, team channel or group chat).

    ``reference`` is the SDK's conversation reference as JSON, kept so Paraat can send
    proactively later; ``active`` turns false when the app is removed.
    """

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(1024), unique=True)
    scope: Mapped[str] = mapped_column(String(16))
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    user_aad_object_id: Mapped[str | None] = mapped_column(String(64), index=True)
    team_id: Mapped[str | None] = mapped_column(String(1024), index=True)
    channel_id: Mapped[str | None] = mapped_column(String(1024))
    service_url: Mapped[str] = mapped_column(String(1024))
    reference: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean)
    installed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ConversationMember(Base):
    """A member of a team or group chat, as the channel reported them."""

    __tablename__ = "conversation_members"
    __table_args__ = (UniqueConstraint("conversation_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(1024), index=True)
    member_id: Mapped[str] = mapped_column(String(256))
    aad_object_id: Mapped[str | None] = mapped_column(String(64), index=True)
    active: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class User(Base):
    """A staff member, known only by a keyed hash of their Entra object id."""

    __tablename__ = "users"

    user_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str | None] = mapped_column(String(8))
    team_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class QuizRound(Base):
    """A round of quiz questions for one user; ``position`` counts the answered ones."""

    __tablename__ = "quiz_rounds"

    round_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_key: Mapped[str] = mapped_column(String(64), index=True)
    conversation_id: Mapped[str] = mapped_column(String(1024))
    question_ids: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    right: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Answer(Base):
    """One answer, in a personal round (``round_id``) or to a channel quiz (``channel_quiz_id``).

    Exactly one of the two is set; either way a person answers a question there once.
    ``first_attempt`` is true for the user's first answer to that question anywhere.
    """

    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("round_id", "user_key", "question_id"),
        UniqueConstraint(
            "channel_quiz_id", "user_key", "question_id", name="uq_answers_channel_quiz_id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_key: Mapped[str] = mapped_column(String(64), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    question_version: Mapped[int] = mapped_column(Integer)
    round_id: Mapped[str | None] = mapped_column(String(32), index=True)
    channel_quiz_id: Mapped[str | None] = mapped_column(String(32), index=True)
    chosen: Mapped[str] = mapped_column(String(64))
    correct: Mapped[bool] = mapped_column(Boolean)
    first_attempt: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Review(Base):
    """Spaced repetition: the Leitner box of a question for a user, and when it is due."""

    __tablename__ = "reviews"

    user_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    box: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Acknowledgement(Base):
    """A user read a version of a briefing."""

    __tablename__ = "acknowledgements"

    user_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    briefing_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ChecklistTick(Base):
    """An item a user ticked on their personal checklist."""

    __tablename__ = "checklist_ticks"

    user_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    checklist_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ticked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ChannelQuiz(Base):
    """A quiz question posted in a channel; members answer it each for themselves."""

    __tablename__ = "channel_quizzes"

    quiz_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(1024))
    question_id: Mapped[str] = mapped_column(String(64))
    question_version: Mapped[int] = mapped_column(Integer)
    activity_id: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Campaign(Base):
    """Content for an audience on a schedule: the source of truth the scheduler rebuilds from.

    ``next_run_at`` is when it fires next (None when it is not waiting); ``state`` is one of
    :class:`campaigns.rules.model.State`.
    """

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    content_kind: Mapped[str] = mapped_column(String(16))
    briefing_id: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    acknowledge: Mapped[bool] = mapped_column(Boolean)
    audience: Mapped[str] = mapped_column(String(300))
    first_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    repeat: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(16), index=True)
    author: Mapped[str] = mapped_column(String(200))
    approved_by: Mapped[str | None] = mapped_column(String(200))
    next_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CampaignEvent(Base):
    """Who did what to a campaign, and when (create, approve, cancel, retract, start, ...)."""

    __tablename__ = "campaign_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CampaignRun(Base):
    """One firing of a campaign. The unique (campaign, planned time) makes a firing happen once,
    however many schedulers or restarts try."""

    __tablename__ = "campaign_runs"
    __table_args__ = (UniqueConstraint("campaign_id", "planned_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(Integer, index=True)
    planned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OutboxRow(Base):
    """One recipient of one run, frozen before the first send.

    A worker claims rows with a lease (``lease_until``); a row whose lease ran out comes back to
    the others. ``in_flight`` is set just before the call to Teams: a row found in flight after a
    crash is sent again and counted as an unknown outcome (``uncertain``), never lost.
    """

    __tablename__ = "campaign_outbox"
    __table_args__ = (
        UniqueConstraint("run_id", "recipient"),
        Index("ix_campaign_outbox_claim", "status", "not_before"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(Integer, index=True)
    campaign_id: Mapped[int] = mapped_column(Integer, index=True)
    recipient: Mapped[str] = mapped_column(String(300))
    service_url: Mapped[str] = mapped_column(String(1024))
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    conversation_id: Mapped[str | None] = mapped_column(String(1024))
    user_object_id: Mapped[str | None] = mapped_column(String(64))
    channel_id: Mapped[str | None] = mapped_column(String(1024))
    team_id: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    not_before: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    in_flight: Mapped[bool] = mapped_column(Boolean)
    uncertain: Mapped[bool] = mapped_column(Boolean)
    message_id: Mapped[str | None] = mapped_column(String(256))
    last_status: Mapped[int | None] = mapped_column(Integer)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CampaignAck(Base):
    """A person clicked "Gelezen" on a campaign's announcement (the first click counts)."""

    __tablename__ = "campaign_acks"

    campaign_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReadReceipt(Base):
    """How far a person has read in their personal chat with Paraat, as Teams last told it.

    ``last_read_message_id`` is the id of the last message read, as a number (Teams' message
    ids in personal chats are increasing numbers); it only ever moves forward.
    """

    __tablename__ = "read_receipts"

    conversation_id: Mapped[str] = mapped_column(String(1024), primary_key=True)
    last_read_message_id: Mapped[int] = mapped_column(BigInteger)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OrgUnit(Base):
    """A department or team of the imported organisation; ``parent_id`` is its department."""

    __tablename__ = "org_units"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[str | None] = mapped_column(String(64))


class OrgMember(Base):
    """A person's team in the imported organisation, by user key (never an id or a name).

    ``by_upn`` marks a key made from a user principal name (``upn:<name>``), for people the
    import named by sign-in name only.
    """

    __tablename__ = "org_members"

    person_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[str] = mapped_column(String(64), index=True)
    by_upn: Mapped[bool] = mapped_column(Boolean)


class OrgManager(Base):
    """A manager of a department or team, by Entra object id: a role, checked on every
    question about figures, and the address a report to them goes to."""

    __tablename__ = "org_managers"

    object_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    unit_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class OrgImport(Base):
    """One import of the organisation: where from, by whom, and how many people it changed."""

    __tablename__ = "org_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(300))
    actor: Mapped[str] = mapped_column(String(200))
    added: Mapped[int] = mapped_column(Integer)
    moved: Mapped[int] = mapped_column(Integer)
    removed: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SharePointTarget(Base):
    """A page Paraat keeps on the SharePoint communication site, and how far it got.

    One row per site and page key (``<kind>:<item>:<language>``); ``state`` is one of
    :class:`sync.rules.plan.State`. The hashes decide whether anything has to be written.
    """

    __tablename__ = "sharepoint_targets"

    site: Mapped[str] = mapped_column(String(400), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    page_id: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    target_hash: Mapped[str | None] = mapped_column(String(64))
    draft_hash: Mapped[str | None] = mapped_column(String(64))
    item_hash: Mapped[str | None] = mapped_column(String(64))
    promoted: Mapped[bool] = mapped_column(Boolean)
    news: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProcessAttestationRow(Base):
    """A manager's attestation about one critical process of a team, as saved (never changed).

    ``attested_by`` is the manager's Entra object id, kept for accountability only; the fields
    are those of :class:`readiness.rules.process.ProcessAttestation`.
    """

    __tablename__ = "readiness_process_attestations"
    __table_args__ = (Index("ix_readiness_process_attestations_team", "team_id", "process_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(64))
    process_id: Mapped[str] = mapped_column(String(64))
    attested_on: Mapped[date] = mapped_column(Date)
    attested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attested_by: Mapped[str] = mapped_column(String(64))
    evidence: Mapped[str] = mapped_column(Text)
    targets_known: Mapped[bool] = mapped_column(Boolean)
    fallback_exists: Mapped[bool] = mapped_column(Boolean)
    fallback_tested_on: Mapped[date | None] = mapped_column(Date)


class TeamAttestationRow(Base):
    """A manager's attestation about a team as a whole, as saved (never changed).

    The fields are those of :class:`readiness.rules.process.TeamAttestation`; the printed card
    is kept as version and mark (decision #34), so a changed card makes it out of date.
    """

    __tablename__ = "readiness_team_attestations"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(64), index=True)
    attested_on: Mapped[date] = mapped_column(Date)
    attested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attested_by: Mapped[str] = mapped_column(String(64))
    evidence: Mapped[str] = mapped_column(Text)
    paper_contacts: Mapped[bool] = mapped_column(Boolean)
    fallback_location: Mapped[bool] = mapped_column(Boolean)
    systems_list_updated_on: Mapped[date | None] = mapped_column(Date)
    printed_card_version: Mapped[int | None] = mapped_column(Integer)
    printed_card_mark: Mapped[str | None] = mapped_column(String(16))


class ReadinessWeek(Base):
    """A published week of readiness figures: its shown groups as JSON, kept for the trend
    period and then deleted with its states."""

    __tablename__ = "readiness_weeks"

    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    as_of: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    groups: Mapped[str] = mapped_column(Text)
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReadinessWeekState(Base):
    """A person's state in a published week and their cell: never shown, kept only to check the
    next weeks against (docs/privacy.md, "The same rule over time")."""

    __tablename__ = "readiness_week_states"

    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    user_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[str | None] = mapped_column(String(64))
    acknowledged: Mapped[bool] = mapped_column(Boolean)
    knowledge: Mapped[float | None] = mapped_column(Float)
    cell: Mapped[str] = mapped_column(String(64))
    held: Mapped[bool] = mapped_column(Boolean)


class QuestionTotal(Base):
    """Counts of answers to a question in a calendar month (``YYYY-MM``, Europe/Amsterdam),
    made from answers older than the retention, which are then deleted. No person, no team."""

    __tablename__ = "question_totals"

    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    answered: Mapped[int] = mapped_column(Integer)
    right: Mapped[int] = mapped_column(Integer)
    first_attempts: Mapped[int] = mapped_column(Integer)
    right_first_time: Mapped[int] = mapped_column(Integer)
